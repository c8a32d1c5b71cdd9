import { type Argon2, loadArgon2 } from '@yingshang/service-kit/password';
// Workers cannot compile WebAssembly from bytes at run time: the bundler hands these over as compiled modules.
import noSimd from 'argon2id/dist/no-simd.wasm';
import simd from 'argon2id/dist/simd.wasm';

let loaded: Promise<Argon2> | undefined;
export const workerArgon2 = () => (loaded ??= loadArgon2(simd, noSimd));
