import type { ShellSession } from '@yingshang/ui';

/**
 * An enterprise's own user (role 企业用户, or any role that may rate appeals but neither assign nor handle them):
 * the module shows them their own enterprise's view only — its file, its appeals, its benefits — never the registry.
 * The service scopes their data anyway; this only picks the pages.
 */
export function isEnterpriseUser(session: Pick<ShellSession, 'user' | 'hasPermission'>): boolean {
  if (session.user.role.code === 'enterprise_user') return true;
  return (
    session.hasPermission('enterprise:appeal:rate') &&
    !session.hasPermission('enterprise:appeal:assign') &&
    !session.hasPermission('enterprise:appeal:handle')
  );
}
