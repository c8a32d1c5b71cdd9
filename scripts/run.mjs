#!/usr/bin/env node
// The two README commands land here. This file must run on the Node 20 that a fresh machine has, with no
// dependencies: it fetches Node 22 and the pinned pnpm from the npm registry into .tools/ (wrangler,
// miniflare and vitest 5 need Node 22), puts them first on PATH, installs the workspace and hands over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const bin = join(tools, 'node_modules', '.bin');
const NODE_VERSION = '22.23.3';
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function ensureTools() {
  const manifest = { private: true, dependencies: { node: NODE_VERSION, pnpm: PNPM_VERSION } };
  const wanted = JSON.stringify(manifest);
  const stamp = join(tools, 'package.json');
  if (existsSync(join(bin, 'node')) && existsSync(join(bin, 'pnpm')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  console.log(`» fetching Node ${NODE_VERSION} and pnpm ${PNPM_VERSION} from the npm registry into .tools/ (once)`);
  mkdirSync(tools, { recursive: true });
  writeFileSync(stamp, wanted);
  const status = run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: tools });
  if (status !== 0) {
    console.error('Could not install Node 22 and pnpm from the npm registry. Check that `npm view node` works on this machine.');
    process.exit(status);
  }
}

const [command = 'start', ...rest] = process.argv.slice(2);
ensureTools();
const env = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH}`,
  npm_config_update_notifier: 'false',
  TURBO_TELEMETRY_DISABLED: '1',
  WRANGLER_SEND_METRICS: 'false',
};
const pnpm = (args) => run(join(bin, 'pnpm'), args, { env });

const installArgs = ['install', '--frozen-lockfile', '--reporter=append-only'];
if (pnpm(installArgs) !== 0) {
  console.error('pnpm install failed: see the lines above (a changed pnpm-lock.yaml needs `pnpm install` once).');
  process.exit(1);
}

const scripts = {
  start: ['run', 'dev:start', ...rest],
  test: ['run', 'test:all', ...rest],
  bench: ['run', 'bench:all', ...rest],
};
if (!scripts[command]) {
  console.error(`unknown command "${command}"; use start, test or bench`);
  process.exit(2);
}
if (command === 'start' && pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']) !== 0) process.exit(1);
process.exit(pnpm(scripts[command]));
