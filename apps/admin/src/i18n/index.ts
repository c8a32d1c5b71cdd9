import { createAppI18n } from '@yingshang/ui';
import { compileMessages, type SourceMessages } from '@yingshang/ui/i18n/compile.ts';
import { adminEn } from './en.ts';
import { adminZhCN } from './zh-CN.ts';

/** A fresh instance per mount: the shell's i18n belongs to the shell's app. */
export const createAdminI18n = () => createAppI18n({ 'zh-CN': adminZhCN, en: adminEn });
export type AdminI18n = ReturnType<typeof createAdminI18n>;

/**
 * Each page's messages travel with the page rather than in the module's entry, which the first view of every
 * signed-in user pays for. The router waits for them before it renders the page.
 */
const forms = () => import('@yingshang/ui/i18n/forms.ts').then((m) => m.formMessagesZhCN);
const under = (name: string) => (messages: SourceMessages): SourceMessages => ({ admin: { [name]: messages } });

const PAGE_MESSAGES = {
  tenants: () => import('./pages/tenants.ts').then((m) => under('tenants')(m.tenants)),
  // The branding and account forms bring the shared form messages (colour, logo, password rules) with them.
  settings: () => Promise.all([import('./pages/settings.ts'), forms()]).then(([m, f]) => ({ ...under('settings')(m.settings), ...f })),
  departments: () => import('./pages/departments.ts').then((m) => under('departments')(m.departments)),
  users: () => Promise.all([import('./pages/users.ts'), forms()]).then(([m, f]) => ({ ...under('users')(m.users), ...f })),
  roles: () => import('./pages/roles.ts').then((m) => under('roles')(m.roles)),
  audit: () => import('./pages/audit.ts').then((m) => under('audit')(m.audit)),
  notices: () => import('./pages/notices.ts').then((m) => under('notices')(m.notices)),
} satisfies Record<string, () => Promise<SourceMessages>>;

export type PageMessages = keyof typeof PAGE_MESSAGES;

export function messageLoader(i18n: AdminI18n) {
  const loaded = new Map<PageMessages, Promise<void>>();
  return (...names: PageMessages[]): Promise<void> =>
    Promise.all(
      names.map((name) => {
        let pending = loaded.get(name);
        if (!pending) {
          pending = PAGE_MESSAGES[name]().then((messages) => {
            // English falls back to these until an English set exists for the page.
            i18n.global.mergeLocaleMessage('zh-CN', compileMessages(messages));
          });
          loaded.set(name, pending);
        }
        return pending;
      }),
    ).then(() => undefined);
}
