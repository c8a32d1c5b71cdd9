import type { Argon2 } from '@yingshang/service-kit/password';
import type { DatabaseFactory, KitApp } from '@yingshang/service-kit';

export interface IdentityDeps {
  /** Argon2id, loaded once per isolate: from an imported `.wasm` on Workers, from the package files in tests. */
  argon2: () => Promise<Argon2>;
  database?: DatabaseFactory;
}

export type IdentityApp = KitApp;
