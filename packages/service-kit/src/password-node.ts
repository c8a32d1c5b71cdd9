import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Argon2, loadArgon2 } from './password.ts';

/** Argon2 for Node (seeds, tests): compile the package's WebAssembly from its files. */
export async function loadArgon2Node(): Promise<Argon2> {
  const require = createRequire(import.meta.url);
  const dir = require.resolve('argon2id/dist/simd.wasm').replace(/simd\.wasm$/, '');
  const [simd, noSimd] = await Promise.all([
    readFile(`${dir}simd.wasm`).then((b) => WebAssembly.compile(b)),
    readFile(`${dir}no-simd.wasm`).then((b) => WebAssembly.compile(b)),
  ]);
  return loadArgon2(simd, noSimd);
}
