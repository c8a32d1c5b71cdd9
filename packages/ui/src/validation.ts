/**
 * Client-side checks that mirror the rules in @yingshang/contracts (tenancy.ts, organisation.ts), so a form can
 * say what is wrong before it is sent. The services check again; these only return message keys, never decide.
 * (Importing the zod schemas themselves would put zod on every page.)
 */
export const RESERVED_SLUGS = ['www', 'api', 'app', 'admin', 'docs', 'static', 'assets', 'mail', 'portal', 'login', 'status', 'test'];

export type RuleMessage = 'validation.password' | 'validation.passwordHasUsername' | 'validation.username' | 'validation.slug' | 'validation.slugReserved' | 'validation.phone' | 'branding.colorInvalid';

export function passwordRule(password: string, username = ''): RuleMessage | null {
  if (password.length < 8 || password.length > 64) return 'validation.password';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password) || !/[^A-Za-z0-9]/.test(password)) return 'validation.password';
  if (username && password.toLowerCase().includes(username.trim().toLowerCase())) return 'validation.passwordHasUsername';
  return null;
}

export function usernameRule(username: string): RuleMessage | null {
  return /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/.test(username.trim()) ? null : 'validation.username';
}

export function slugRule(slug: string): RuleMessage | null {
  const value = slug.trim().toLowerCase();
  if (!/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(value)) return 'validation.slug';
  return RESERVED_SLUGS.includes(value) ? 'validation.slugReserved' : null;
}

export function colorRule(color: string): RuleMessage | null {
  return /^#[0-9a-fA-F]{6}$/.test(color.trim()) ? null : 'branding.colorInvalid';
}

export function phoneRule(phone: string): RuleMessage | null {
  return /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(phone.trim()) ? null : 'validation.phone';
}

/** 0–4: how varied a password is, for a strength bar. */
export function passwordStrength(password: string): number {
  if (!password) return 0;
  let score = 0;
  if (password.length >= 8) score++;
  if (password.length >= 12) score++;
  if (/[A-Za-z]/.test(password) && /\d/.test(password)) score++;
  if (/[^A-Za-z0-9]/.test(password)) score++;
  return Math.min(score, 4);
}

/** A password that satisfies the rules, for administrators resetting someone's (they pass it on in person). */
export function generatePassword(length = 12): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%&*+=?'];
  const all = sets.join('');
  const pick = (chars: string) => chars[crypto.getRandomValues(new Uint32Array(1))[0]! % chars.length]!;
  const chars = sets.map(pick);
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
