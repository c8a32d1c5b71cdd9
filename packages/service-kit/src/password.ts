import setupWasm from 'argon2id/lib/setup.js';

/**
 * Argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1). Workers refuse PBKDF2 above 100,000 iterations and
 * cannot compile WebAssembly from bytes at run time, so the caller hands in the compiled module: on Workers an
 * imported `.wasm` (see `services/identity/src/argon2.ts`), in Node one compiled from the package's file.
 */
export const ARGON2_PARAMS = { memorySize: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

export type Argon2 = (params: {
  password: Uint8Array;
  salt: Uint8Array;
  parallelism: number;
  passes: number;
  memorySize: number;
  tagLength: number;
}) => Uint8Array;

export function loadArgon2(simd: WebAssembly.Module, noSimd: WebAssembly.Module): Promise<Argon2> {
  const instantiate = (module: WebAssembly.Module) => async (imports: WebAssembly.Imports) => ({
    module,
    instance: await WebAssembly.instantiate(module, imports),
  });
  return setupWasm(instantiate(simd), instantiate(noSimd)) as Promise<Argon2>;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** A PHC string, the format every Argon2 implementation reads: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
export function hashPassword(argon2: Argon2, password: string): string {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = argon2({ password: new TextEncoder().encode(password), salt, ...ARGON2_PARAMS });
  const { memorySize: m, passes: t, parallelism: p } = ARGON2_PARAMS;
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(hash)}`;
}

export function verifyPassword(argon2: Argon2, password: string, phc: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!match) return false;
  const [, m, t, p, salt, expected] = match as unknown as [string, string, string, string, string, string];
  const want = unb64(expected);
  const bytes = new TextEncoder().encode(password);
  // Argon2 takes no password under 8 bytes (it throws), and no stored password is that short: a mistyped short
  // one is simply wrong, not a server error.
  if (bytes.length < 8) return false;
  const got = argon2({
    password: bytes,
    salt: unb64(salt),
    memorySize: Number(m),
    passes: Number(t),
    parallelism: Number(p),
    tagLength: want.length,
  });
  // Constant-time comparison: no early exit on the first differing byte.
  let diff = got.length ^ want.length;
  for (let i = 0; i < want.length; i++) diff |= (got[i] ?? 0) ^ want[i]!;
  return diff === 0;
}
