import { relative } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { environments, repoRoot, type Environment } from './config.ts';

/** `pnpm run x -- --flag` hands the script a literal `--`; drop it so flags after it still parse. */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  const args = argv.filter((a, i) => !(a === '--' && i === argv.indexOf('--')));
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

export function asEnvironment(value: string | undefined): Environment {
  const env = value ?? 'production';
  if (!(environments as readonly string[]).includes(env)) throw new UsageError(`--env must be one of ${environments.join(', ')}`);
  return env as Environment;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function shortPath(path: string): string {
  return relative(repoRoot, path) || '.';
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Runs a CLI entry point: usage errors and failed steps end with a message and exit code, never a stack trace. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof UsageError) {
        console.error(`✗ ${err.message}`);
        process.exit(2);
      }
      console.error(`✗ ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
