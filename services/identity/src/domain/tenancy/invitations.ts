import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { HttpProblem } from '@yingshang/service-kit';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';

export const INVITATION_DAYS = 7;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const randomSecret = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** Revokes any open invitation of the tenant and issues a new one; returns the token for the link, once. */
export async function issueInvitation(tx: Tx, tenantId: string, createdBy: string | null): Promise<{ token: string; expiresAt: Date }> {
  await revokeInvitations(tx, tenantId);
  const secret = randomSecret();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await tx.insert(schema.invitations).values({
    tenantId,
    id: uuidv7(),
    tokenHash: await sha256Hex(secret),
    expiresAt,
    createdBy,
  });
  // The tenant id travels in the token so onboarding can open the tenant's own transaction (RLS) to check it.
  return { token: `${tenantId}.${secret}`, expiresAt };
}

export async function revokeInvitations(tx: Tx, tenantId: string): Promise<number> {
  const revoked = await tx
    .update(schema.invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(schema.invitations.tenantId, tenantId), isNull(schema.invitations.usedAt), isNull(schema.invitations.revokedAt)))
    .returning({ id: schema.invitations.id });
  return revoked.length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The tenant an invitation token names, without trusting it yet: the caller checks it inside that tenant. */
export function tenantOfToken(token: string | undefined): string {
  const [tenantId, secret] = (token ?? '').split('.');
  if (!tenantId || !secret || !UUID.test(tenantId)) throw invitationInvalid();
  return tenantId;
}

export const invitationInvalid = () =>
  new HttpProblem(404, 'invitation-invalid', '邀请链接无效', '邀请链接不存在或已被撤销，请联系市营商办重新发送');

export interface OpenInvitation {
  id: string;
  expiresAt: Date;
}

/** The invitation behind a token, if it is open: not used, not revoked, not expired. */
export async function openInvitation(tx: Tx, token: string): Promise<OpenInvitation> {
  const tenantId = tenantOfToken(token);
  const secret = token.slice(tenantId.length + 1);
  const [row] = await tx
    .select()
    .from(schema.invitations)
    .where(and(eq(schema.invitations.tenantId, tenantId), eq(schema.invitations.tokenHash, await sha256Hex(secret))));
  if (!row || row.revokedAt) throw invitationInvalid();
  if (row.usedAt) throw new HttpProblem(410, 'invitation-used', '邀请链接已使用', '本单位已完成开通，请直接登录');
  if (row.expiresAt < new Date()) {
    throw new HttpProblem(410, 'invitation-expired', '邀请链接已过期', '请联系市营商办重新发送邀请');
  }
  return { id: row.id, expiresAt: row.expiresAt };
}

export async function markInvitationUsed(tx: Tx, tenantId: string, invitationId: string): Promise<void> {
  await tx
    .update(schema.invitations)
    .set({ usedAt: new Date() })
    .where(and(eq(schema.invitations.tenantId, tenantId), eq(schema.invitations.id, invitationId)));
}

export type InvitationState = 'pending' | 'expired' | 'used' | 'revoked' | 'none';

/** The latest invitation of each tenant, as the registry shows it. */
export async function invitationStates(tx: Tx, tenantIds: string[]): Promise<Map<string, { state: InvitationState; expiresAt: Date | null }>> {
  const out = new Map<string, { state: InvitationState; expiresAt: Date | null }>();
  if (tenantIds.length === 0) return out;
  const rows = await tx
    .select()
    .from(schema.invitations)
    .where(inArray(schema.invitations.tenantId, tenantIds))
    .orderBy(asc(schema.invitations.tenantId), asc(schema.invitations.createdAt));
  const now = new Date();
  for (const row of rows) {
    const state: InvitationState = row.usedAt ? 'used' : row.revokedAt ? 'revoked' : row.expiresAt < now ? 'expired' : 'pending';
    out.set(row.tenantId, { state, expiresAt: row.expiresAt }); // later rows overwrite: the newest wins
  }
  return out;
}
