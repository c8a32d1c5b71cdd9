import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './config.ts';

export interface Command {
  program: 'wrangler' | 'pnpm';
  args: string[];
  /** The worker's folder for wrangler (its wrangler.jsonc is found there). */
  cwd: string;
  /** Written to the program's standard input: how secret values reach `wrangler secret put`, never argv. */
  input?: string;
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs one command; tests pass a runner that records the commands and answers for wrangler. */
export type Runner = (command: Command) => Promise<RunResult>;

/** The wrangler each worker pins (its devDependency), so the deploy uses the version the tests used. */
function resolve(command: Command): string {
  if (command.program === 'wrangler') {
    const local = join(command.cwd, 'node_modules', '.bin', 'wrangler');
    return process.env.YS_WRANGLER ?? (existsSync(local) ? local : join(repoRoot, 'infra', 'deploy', 'node_modules', '.bin', 'wrangler'));
  }
  return 'pnpm';
}

export const spawnRunner: Runner = (command) =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(resolve(command), command.args, {
      cwd: command.cwd,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
    child.stdin.end(command.input ?? '');
  });

/** How a command is shown: never with the secret, which only ever travels on standard input. */
export function describe(command: Command): string {
  return `${command.program} ${command.args.join(' ')}`.replaceAll(`${repoRoot}/`, '');
}
