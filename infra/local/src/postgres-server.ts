import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

export interface PostgresServerOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /**
   * The cluster's directory, kept across runs when given (a second start reuses the data). Omitted: a temporary
   * directory, deleted on stop().
   */
  dataDir?: string;
  /** Database created for the application; default `yingshang`. */
  database?: string;
  /** Extra `postgresql.conf` settings for this start, e.g. `{ shared_buffers: '1GB' }`. */
  settings?: Record<string, string | number>;
  /**
   * How TCP clients authenticate. `password` (default) mirrors production: Neon's serverless driver sends the
   * password pipelined over TLS, while against a plain server it would compute SCRAM-SHA-256 (4096 awaited HMACs)
   * inside the worker on every connection — a cost production does not pay, which would swamp every figure.
   */
  hostAuth?: 'password' | 'scram-sha-256';
  log?: (line: string) => void;
}

export interface PostgresServer {
  /** A DATABASE_URL for startStack, drizzle or psql: `postgresql://postgres:<password>@127.0.0.1:<port>/<db>`. */
  url: string;
  port: number;
  dataDir: string;
  /** The bin directory used (psql, pg_dump ... are beside it). */
  bin: string;
  stop(): Promise<void>;
}

/** Debian installs each major version side by side; take the newest that has initdb. */
function findBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('No PostgreSQL server found under /usr/lib/postgresql: `apt-get install postgresql` (Debian ships 15).');
  return join(base, versions[0], 'bin');
}

const SYSTEM_USER = 'postgres';

/**
 * Postgres refuses to run as root. When we are root, every server command runs as the Debian `postgres` user
 * (or `nobody` if that user does not exist) through runuser; otherwise as ourselves.
 */
function runAs(): { user: string; uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const user of [SYSTEM_USER, 'nobody']) {
    const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    if (r.status === 0) {
      const uid = Number(r.stdout.trim());
      const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
      return { user, uid, gid };
    }
  }
  throw new Error('Running as root and neither a `postgres` nor a `nobody` user exists to run the server as.');
}

function command(as: ReturnType<typeof runAs>, bin: string, args: string[]): [string, string[]] {
  return as ? ['runuser', ['-u', as.user, '--', bin, ...args]] : [bin, args];
}

function run(as: ReturnType<typeof runAs>, bin: string, args: string[], what: string): string {
  const [cmd, argv] = command(as, bin, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`${what} failed (${cmd} ${argv.join(' ')}):\n${r.stderr || r.stdout}`);
  return r.stdout;
}

function chownTree(dir: string, as: ReturnType<typeof runAs>) {
  if (!as) return;
  execFileSync('chown', ['-R', `${as.uid}:${as.gid}`, dir]);
}

/**
 * Debian's PostgreSQL server on loopback, for benchmarks and for `DATABASE_URL=… npm start` against a real server:
 * `initdb` on first use (SCRAM-hashed password; TCP auth per `hostAuth`; UTF-8, C collation), `pg_ctl start` listening on 127.0.0.1
 * only, fsync on (so the figures are the ones a real server gives), and an application database created.
 */
export async function startPostgresServer(opts: PostgresServerOptions = {}): Promise<PostgresServer> {
  const log = opts.log ?? (() => {});
  const bin = findBin();
  const as = runAs();
  const database = opts.database ?? 'yingshang';
  const temporary = !opts.dataDir;
  const root = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ys-pg-'));
  // The cluster lives in <root>/cluster (mode 0700, owned by the server user); the password and socket beside it.
  const cluster = join(root, 'cluster');
  const socketDir = join(root, 'socket');
  const passwordFile = join(root, 'password');
  mkdirSync(root, { recursive: true });
  mkdirSync(socketDir, { recursive: true });
  if (as) chownSync(root, as.uid, as.gid);
  chownTree(socketDir, as);

  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    rmSync(cluster, { recursive: true, force: true });
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = join(root, 'initdb-pw');
    writeFileSync(pwfile, password, { mode: 0o600 });
    chownTree(pwfile, as);
    mkdirSync(cluster, { recursive: true, mode: 0o700 });
    chownTree(cluster, as);
    log(`initdb ${cluster}`);
    try {
      run(as, join(bin, 'initdb'), [
        '-D', cluster, '-U', 'postgres', '--pwfile', pwfile, '-E', 'UTF8', '--locale=C.UTF-8',
        '--auth-local=trust', '--auth-host=scram-sha-256',
      ], 'initdb');
    } finally {
      rmSync(pwfile, { force: true });
    }
  } else {
    chownTree(cluster, as);
    chmodSync(cluster, 0o700);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  // Rewritten on every start, so a cluster made with the other method follows the option.
  const hba = join(cluster, 'pg_hba.conf');
  const hostAuth = opts.hostAuth ?? 'password';
  writeFileSync(hba, readFileSync(hba, 'utf8').replace(/^(host\s.*\s)(scram-sha-256|password)\s*$/gm, `$1${hostAuth}`));
  const port = opts.port ?? (await freePort());
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: socketDir,
    fsync: 'on',
    synchronous_commit: 'on',
    // The workers open one connection per request; 50 concurrent requests through five workers need headroom.
    max_connections: 300,
    ...opts.settings,
  };
  const options = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${String(v).includes(' ') ? `'${v}'` : v}`)
    .join(' ');
  const logFile = join(root, 'server.log');
  if (as && existsSync(logFile)) chownSync(logFile, as.uid, as.gid);
  else if (as) {
    writeFileSync(logFile, '');
    chownSync(logFile, as.uid, as.gid);
  }
  log(`pg_ctl start on 127.0.0.1:${port}`);
  run(as, join(bin, 'pg_ctl'), ['-D', cluster, '-l', logFile, '-o', options, '-w', '-t', '120', 'start'], 'pg_ctl start');

  const psql = (sqlText: string, db = 'postgres') =>
    run(as, join(bin, 'psql'), ['-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-tAc', sqlText], 'psql');
  const stop = async () => {
    const [cmd, argv] = command(as, join(bin, 'pg_ctl'), ['-D', cluster, '-m', 'fast', '-w', 'stop']);
    spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() });
    if (temporary) rmSync(root, { recursive: true, force: true });
  };
  try {
    if (psql(`select 1 from pg_database where datname = '${database}'`).trim() !== '1') psql(`create database "${database}"`);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    dataDir: root,
    bin,
    stop,
  };
}
