import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkerOptions } from 'miniflare';
import { type WorkerName, serviceDir, serviceNames } from './paths.ts';

interface WranglerConfig {
  name: string;
  compatibility_date: string;
  compatibility_flags?: string[];
  vars?: Record<string, string>;
  services?: { binding: string; service: string }[];
  assets?: { directory: string; binding?: string; not_found_handling?: string };
  ratelimits?: { name: string; namespace_id: string; simple: { limit: number; period: 10 | 60 } }[];
  env?: Record<string, Partial<WranglerConfig>>;
}

/** wrangler.jsonc allows comments and trailing commas; strip both outside strings before JSON.parse. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** A worker's config for one wrangler environment, with the environment's keys over the top level. */
export function readWranglerConfig(name: WorkerName, env = 'local'): WranglerConfig {
  const raw = parseJsonc(readFileSync(join(serviceDir(name), 'wrangler.jsonc'), 'utf8')) as WranglerConfig;
  const { env: envs, ...top } = raw;
  return { ...top, ...envs?.[env], vars: { ...top.vars, ...envs?.[env]?.vars } } as WranglerConfig;
}

export interface LocalSecrets {
  DATABASE_URL: string;
  JWT_SECRET: string;
  DB_WS_PROXY: string | undefined;
  BASE_DOMAIN: string;
}

/**
 * Miniflare options for every worker, from the same wrangler.jsonc files and the same bundles that
 * `wrangler deploy --dry-run` produced (`services/<name>/dist`): what runs locally is what ships.
 */
export function workerOptions(secrets: LocalSecrets): WorkerOptions[] {
  return serviceNames.map((name) => {
    const config = readWranglerConfig(name);
    const dir = serviceDir(name);
    const script = join(dir, 'dist', 'index.js');
    if (!existsSync(script)) throw new Error(`services/${name}/dist/index.js is missing: run \`pnpm build\` first`);
    const vars: Record<string, string> = { ...config.vars, BASE_DOMAIN: secrets.BASE_DOMAIN };
    if (name !== 'gateway') {
      vars.DATABASE_URL = secrets.DATABASE_URL;
      vars.JWT_SECRET = secrets.JWT_SECRET;
      if (secrets.DB_WS_PROXY) vars.DB_WS_PROXY = secrets.DB_WS_PROXY;
      else delete vars.DB_WS_PROXY;
    }
    const options: WorkerOptions = {
      name: config.name,
      modules: true,
      scriptPath: script,
      modulesRoot: join(dir, 'dist'),
      modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags ?? [],
      bindings: vars,
      serviceBindings: Object.fromEntries((config.services ?? []).map((s) => [s.binding, s.service])),
      ratelimits: Object.fromEntries(
        (config.ratelimits ?? []).map((r) => [r.name, { namespace_id: r.namespace_id, simple: r.simple }]),
      ),
    };
    if (config.assets) {
      options.assets = {
        directory: join(dir, config.assets.directory),
        binding: config.assets.binding ?? 'ASSETS',
        routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
        assetConfig: { not_found_handling: (config.assets.not_found_handling ?? 'none') as 'single-page-application' },
      };
    }
    return options;
  });
}
