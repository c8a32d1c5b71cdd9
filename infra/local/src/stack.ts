import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { StartupError, openEmbeddedDatabase, prepareEmbedded, prepareRemote, serveEmbedded } from './database.ts';
import { assertPortFree, freePort } from './ports.ts';
import { workerOptions } from './workers.ts';
import { startWsProxy } from './ws-proxy.ts';

export interface StackOptions {
  /** Gateway port; 0 picks a free one (tests). */
  port: number;
  /** Where PGlite keeps its files; null keeps it in memory (tests). */
  dataDir: string | null;
  /** Delete `dataDir` first. */
  fresh?: boolean;
  /** A real Postgres or Neon instead of the embedded database. */
  databaseUrl?: string | undefined;
  log?: (line: string) => void;
  /** Show the workers' own log lines (JSON access logs). */
  verboseWorkers?: boolean;
}

export interface Stack {
  url: string;
  port: number;
  baseDomain: string;
  tenantUrl(slug: string): string;
  seeded: boolean;
  /** The key the workers sign and verify tokens with (tests forge bad tokens with it). */
  jwtSecret: string;
  /** The embedded database, when it is the one in use (tests inspect it directly). */
  pglite: PGlite | null;
  miniflare: Miniflare;
  /** A request to the gateway as a browser would send it, any `*.localhost` host included. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Open connections on the embedded database's socket (0 when DATABASE_URL is used). */
  dbConnections(): number;
  /** Stops the database connection path without stopping the workers (fault tests). */
  stopDatabase(): Promise<void>;
  startDatabase(): Promise<void>;
  stop(): Promise<void>;
}

function jwtSecret(dataDir: string | null): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  // Kept with the data, so sessions survive a restart and a fresh start invalidates them.
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const isNeon = (url: string) => new URL(url).hostname.endsWith('.neon.tech');

/**
 * The whole system on this machine: the database (embedded PGlite, or DATABASE_URL), the WebSocket proxy the
 * production driver needs, and every worker in workerd with the gateway on `port`.
 */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const port = opts.port || (await freePort());
  if (opts.port) await assertPortFree(port, 'gateway');

  if (opts.fresh && opts.dataDir) {
    rmSync(opts.dataDir, { recursive: true, force: true });
    log(`removed ${opts.dataDir}`);
  }

  let pglite: PGlite | null = null;
  let socket: Awaited<ReturnType<typeof serveEmbedded>> | null = null;
  let target: { host: string; port: number };
  let databaseUrl: string;
  const pgPort = await freePort();

  if (opts.databaseUrl) {
    let parsed: URL;
    try {
      parsed = new URL(opts.databaseUrl);
      if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('not a postgres URL');
    } catch {
      throw new StartupError('DATABASE_URL is not a Postgres connection string: expected postgresql://user:password@host:port/database');
    }
    databaseUrl = opts.databaseUrl;
    target = { host: parsed.hostname, port: Number(parsed.port || 5432) };
  } else {
    pglite = await openEmbeddedDatabase(opts.dataDir ? join(opts.dataDir, 'pglite') : null);
    log(`embedded database: ${opts.dataDir ?? 'in memory'}`);
    const prepared = await prepareEmbedded(pglite, log);
    log(prepared.seeded ? 'demo data seeded (first run)' : 'database migrated; existing data kept');
    socket = await serveEmbedded(pglite, pgPort);
    databaseUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/postgres`;
    target = { host: '127.0.0.1', port: pgPort };
  }

  const useProxy = !(opts.databaseUrl && isNeon(opts.databaseUrl));
  const proxyPort = await freePort();
  let proxy = useProxy ? await startWsProxy({ port: proxyPort, target }) : null;
  const wsProxy = useProxy ? `127.0.0.1:${proxyPort}` : undefined;

  let seeded = false;
  if (opts.databaseUrl) {
    seeded = (await prepareRemote(databaseUrl, wsProxy, log)).seeded;
    log(seeded ? 'demo data seeded (first run)' : 'database migrated; existing data kept');
  }

  const baseDomain = `localhost:${port}`;
  const secret = jwtSecret(opts.dataDir);
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    port,
    log: new Log(opts.verboseWorkers ? LogLevel.INFO : LogLevel.WARN),
    // Miniflare would fetch a sample `request.cf` from the internet; this machine may have none.
    cf: false,
    // The workers log one JSON line per request; keep only warnings and errors unless asked for more.
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      const pass = (line: string) => opts.verboseWorkers || !line.startsWith('{"level":"info"');
      for (const [stream, out] of [[stdout, process.stdout], [stderr, process.stderr]] as const) {
        let buffered = '';
        stream.on('data', (chunk: Buffer) => {
          const lines = (buffered + chunk.toString()).split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) if (line && pass(line)) out.write(`${line}\n`);
        });
      }
    },
    workers: workerOptions({ DATABASE_URL: databaseUrl, JWT_SECRET: secret, DB_WS_PROXY: wsProxy, BASE_DOMAIN: baseDomain }),
  });
  await miniflare.ready;

  return {
    url: `http://localhost:${port}`,
    port,
    baseDomain,
    tenantUrl: (slug) => `http://${slug}.localhost:${port}`,
    seeded,
    jwtSecret: secret,
    pglite,
    miniflare,
    dbConnections: () => socket?.getStats().activeConnections ?? 0,
    fetch: (url, init) => miniflare.dispatchFetch(url, init as never) as unknown as Promise<Response>,
    async stopDatabase() {
      await proxy?.close();
      proxy = null;
    },
    async startDatabase() {
      if (useProxy && !proxy) proxy = await startWsProxy({ port: proxyPort, target });
    },
    async stop() {
      await miniflare.dispose().catch(() => {});
      await proxy?.close();
      await socket?.stop();
      await pglite?.close();
    },
  };
}
