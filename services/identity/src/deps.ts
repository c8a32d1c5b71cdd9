import type { Argon2 } from '@yingshang/service-kit/password';
import type { DatabaseFactory, KitApp, KitEnv } from '@yingshang/service-kit';
import type { RateLimiter } from './domain/rate-limit.ts';

export interface IdentityDeps {
  /** Argon2id, loaded once per isolate: from an imported `.wasm` on Workers, from the package files in tests. */
  argon2: () => Promise<Argon2>;
  database?: DatabaseFactory;
}

/** The kit's bindings plus identity's own; the limiters are absent in unit tests. */
export interface IdentityEnv extends KitEnv {
  SIGN_IN_BY_ADDRESS?: RateLimiter;
  SIGN_IN_BY_TENANT?: RateLimiter;
}

export type IdentityApp = KitApp<IdentityEnv>;
