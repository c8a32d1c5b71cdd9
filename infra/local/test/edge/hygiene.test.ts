import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@yingshang/seeds';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/paths.ts';
import { type Stack, startStack } from '../../src/stack.ts';
import { workerOptions } from '../../src/workers.ts';

/**
 * Hygiene: the headers a browser needs in production (HSTS, a CSP the shell and its import map satisfy), no secrets
 * in the repository, and logs that never carry a password, a token or USCC-linked personal data.
 */
let stack: Stack;
const captured: string[] = [];
const restore: (() => void)[] = [];

beforeAll(async () => {
  // Every worker line (JSON access and error logs) goes through here: keep a copy to search afterwards.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return chunk.toString().startsWith('{"level":"info"') ? true : write(chunk, ...(rest as []));
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write as typeof stream.write;
    });
  }
  stack = await startStack({ port: 0, dataDir: null, verboseWorkers: true });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  for (const undo of restore) undo();
});

describe('security headers', () => {
  it('the shell’s CSP allows its import map and scripts by nonce, and nothing inline or foreign', async () => {
    const res = await stack.fetch(`${stack.tenantUrl('jinshui')}/`, { headers: { accept: 'text/html' } });
    const csp = Object.fromEntries(
      (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]),
    ) as Record<string, string[]>;
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
    expect(csp['script-src']!.filter((s) => !/^'(self|nonce-[^']+)'$/.test(s))).toEqual([]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    const html = await res.text();
    // No inline handlers or javascript: URLs, which no nonce can allow.
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    // Every import-map entry is same-origin ('self') and really served as JavaScript.
    const importMap = /<script[^>]*type="importmap"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1];
    expect(importMap).toBeTruthy();
    const { imports } = JSON.parse(importMap!) as { imports: Record<string, string> };
    expect(Object.keys(imports).length).toBeGreaterThan(2);
    for (const [name, url] of Object.entries(imports)) {
      const target = new URL(url, stack.tenantUrl('jinshui'));
      expect(target.origin, `${name} → ${url}`).toBe(stack.tenantUrl('jinshui'));
      const js = await stack.fetch(target.href);
      expect(js.status, `${name} → ${url}`).toBe(200);
      expect(js.headers.get('content-type'), `${name} → ${url}`).toMatch(/javascript/);
      expect(js.headers.get('x-content-type-options')).toBe('nosniff');
      await js.arrayBuffer();
    }
    // Scripts the shell loads by src are same-origin too.
    for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) expect(new URL(src!, stack.tenantUrl('jinshui')).origin).toBe(stack.tenantUrl('jinshui'));
  });

  it('no HSTS on localhost (it would pin every *.localhost to https), and HSTS in production', async () => {
    expect((await stack.fetch(`${stack.tenantUrl('jinshui')}/`)).headers.get('strict-transport-security')).toBeNull();
    // The same bundles with the production environment's ENVIRONMENT; no database is needed for these answers.
    const options = workerOptions({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none', JWT_SECRET: 'hsts-test', DB_WS_PROXY: '127.0.0.1:9', BASE_DOMAIN: 'localhost:1' });
    const gateway = options.find((o) => o.name?.includes('gateway'))!;
    gateway.bindings = { ...gateway.bindings, ENVIRONMENT: 'production' };
    // Only the gateway is under test: the services behind it are stand-ins that answer 200.
    const stubs = Object.values(gateway.serviceBindings ?? {}).map((name) => ({
      name: String(name),
      modules: true,
      script: 'export default { fetch: () => Response.json({ status: "active", slug: "jinshui" }) };',
    }));
    const production = new Miniflare({ log: new Log(LogLevel.NONE), cf: false, workers: [gateway, ...stubs] });
    try {
      for (const path of ['/', '/api/projects/health', '/api/nothing']) {
        const res = await production.dispatchFetch(`http://jinshui.localhost:1${path}`);
        expect(res.headers.get('strict-transport-security'), path).toMatch(/max-age=(\d{8,}|31536000).*includeSubDomains/);
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        await res.arrayBuffer();
      }
    } finally {
      await production.dispose();
    }
  });
});

describe('limits', () => {
  it('sign-in is limited per address in workerd (429 problem+json), another address is not affected', async () => {
    const attempt = (ip: string) =>
      stack.fetch(`${stack.tenantUrl('erqi')}/api/identity/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
        // Under 8 bytes: refused without an Argon2 run, so the 30 attempts take no time.
        body: JSON.stringify({ username: 'nobody-here', password: 'wrong' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 36 && !statuses.includes(429); i++) statuses.push((await attempt('203.0.113.7')).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    const limited = await attempt('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect((await attempt('198.51.100.9')).status).toBe(401);
  });

  it('refuses a body over the limit with 413 problem+json before reading it', async () => {
    const res = await stack.fetch(`${stack.tenantUrl('erqi')}/api/identity/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('no secrets in the repository', () => {
  // Assembled so that this file does not match itself.
  const PEM = new RegExp(`-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?${'PRIVATE'} KEY-----`);
  const TOKENS: [string, RegExp][] = [
    ['private key', PEM],
    ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
    ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
    ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
    ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
    ['Neon password', /\bnpg_[A-Za-z0-9]{12,}\b/],
    ['Cloudflare API token', /\b(?:CLOUDFLARE_API_TOKEN|CF_API_TOKEN)\s*[=:]\s*["']?[A-Za-z0-9_-]{30,}/],
    ['signed JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/],
  ];
  // A password in a connection string is fine only on loopback or a documentation host, or as a placeholder.
  const CONNECTION = /postgres(?:ql)?:\/\/[^:/@\s'"`]+:([^@\s'"`]+)@([^/:\s'"`]+)/g;
  const SAFE_HOST = /^(localhost|127\.0\.0\.1|\[::1\]|[\w.-]*example(\.[a-z]+)?|[\w.-]+\.test|host|db|unused|…)$|\$\{|</i;
  // Placeholders and the fixtures' self-evidently fake values ("OwnerSecret-0123456789").
  const SAFE_PASSWORD = /^(postgres|pass|pw|\*+|…|<[^>]+>|\[redacted\]|xxx+)$|\$\{|secret|password|example|dummy|fake|0123456789/i;

  it('no tracked file holds a private key, a real-looking token or a connection string with a password', () => {
    const root = repoRoot;
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .filter((f) => !/\.(png|jpe?g|gif|ico|webp|woff2?|ttf|wasm|xlsx|zip|gz|pdf)$/i.test(f) && f !== 'pnpm-lock.yaml');
    expect(files.length).toBeGreaterThan(100);
    const findings: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        if (statSync(join(root, file)).size > 2_000_000) continue;
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // listed but deleted in the working tree
      }
      for (const [what, re] of TOKENS) if (re.test(text)) findings.push(`${file}: ${what}`);
      for (const [, password, host] of text.matchAll(CONNECTION)) {
        if (!SAFE_HOST.test(host!) && !SAFE_PASSWORD.test(password!)) findings.push(`${file}: connection string with a password for ${host}`);
      }
    }
    // Files that must never be tracked at all.
    for (const file of files) if (/(^|\/)(\.env(\.[\w-]+)?|\.dev\.vars|jwt-secret|id_rsa|.*\.pem|.*\.key)$/.test(file) && !file.endsWith('.example')) findings.push(`${file}: secret file`);
    expect(findings).toEqual([]);
  });
});

describe('logs', () => {
  const USCC = '91410100MA46PQRX3K';
  const PHONE = '13912345678';
  const PERSON = '隐私测试人甲乙';

  it('never contain passwords, tokens or USCC-linked personal data across sign-in, refresh, password and appeal flows', async () => {
    captured.length = 0;
    const jinshui = stack.tenantUrl('jinshui');
    const json = (body: unknown, token?: string, extra: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
      body: JSON.stringify(body),
    });
    const secrets: string[] = [DEMO_PASSWORD, stack.jwtSecret];

    // A wrong password, then the right one.
    const wrong = 'Wrong#Passw0rd-Logged?';
    secrets.push(wrong);
    expect((await stack.fetch(`${jinshui}/api/identity/v1/auth/sign-in`, json({ username: 'ganbu', password: wrong }))).status).toBe(401);
    const signIn = await stack.fetch(`${jinshui}/api/identity/v1/auth/sign-in`, json({ username: 'admin', password: DEMO_PASSWORD }));
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const refresh = /=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
    expect(refresh).toBeTruthy();
    secrets.push(accessToken, accessToken.split('.')[2]!, refresh!);

    // Refresh rotates the token; the new ones must not be logged either.
    const rotated = await stack.fetch(`${jinshui}/api/identity/v1/auth/refresh`, { method: 'POST', headers: { cookie: `${/^([^=]+)=/.exec(signIn.headers.get('set-cookie')!)![1]}=${refresh}` } });
    if (rotated.status === 200) {
      const next = (await rotated.json()) as { accessToken: string };
      secrets.push(next.accessToken, next.accessToken.split('.')[2]!);
      const nextRefresh = /=([^;]+)/.exec(rotated.headers.get('set-cookie') ?? '')?.[1];
      if (nextRefresh) secrets.push(nextRefresh);
    }

    // A user created with a password and a phone number; the admin resets another's password.
    const newPassword = 'Fresh#Passw0rd-2026';
    secrets.push(newPassword);
    const roles = (await (await stack.fetch(`${jinshui}/api/identity/v1/roles`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { items: { id: string }[] };
    await stack.fetch(
      `${jinshui}/api/identity/v1/users`,
      json({ username: 'privacy01', displayName: PERSON, password: newPassword, phone: PHONE, roleId: roles.items[0]!.id }, accessToken),
    );
    // A failed query's parameters are what drizzle puts in its error message: provoke one with the phone in it.
    await stack.fetch(`${jinshui}/api/identity/v1/users?keyword=${PHONE}`, { headers: { authorization: `Bearer ${accessToken}` } });

    // Enterprise flows, whatever the enterprise service offers today: every write with a JSON body, filled with
    // an enterprise's USCC, a contact person and a phone number, as the enterprise user and as 营商办.
    const doc = (await (await stack.fetch(`${stack.url}/api/enterprise/openapi.json`)).json()) as OpenApi;
    let enterpriseCalls = 0;
    for (const username of ['qiye', 'yingshang']) {
      const res = await stack.fetch(`${jinshui}/api/identity/v1/auth/sign-in`, json({ username, password: DEMO_PASSWORD }));
      if (res.status !== 200) continue;
      const token = ((await res.json()) as { accessToken: string }).accessToken;
      secrets.push(token);
      for (const [path, methods] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(methods)) {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          if (!schema || path.includes('{')) continue;
          const body = personal(doc, schema, { USCC, PHONE, PERSON });
          await (await stack.fetch(`${jinshui}${path}`, { ...json(body, token), method: method.toUpperCase() })).arrayBuffer();
          enterpriseCalls++;
        }
      }
    }
    process.stdout.write(`\nlog hygiene: ${enterpriseCalls} enterprise writes with personal data, ${captured.length} log chunks searched\n`);

    const logs = captured.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('"message":"request"');
    for (const secret of secrets) expect(logs.includes(secret), `a log line contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
    for (const personalData of [USCC, PHONE, PERSON]) expect(logs.includes(personalData), `a log line contains ${personalData}`).toBe(false);
  });
});

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  examples?: unknown[];
};
type OpenApi = {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
};

/** A body from the schema with every text field carrying the personal data, where the field's pattern allows. */
function personal(doc: OpenApi, schema: Schema, data: { USCC: string; PHONE: string; PERSON: string }, name = '', depth = 0): unknown {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').at(-1)!] ?? {};
  if (s.enum?.length) return s.enum.find((v) => v !== null && v !== '') ?? s.enum[0];
  const branch = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].find((b) => b.type !== 'null');
  if (branch) return personal(doc, branch, data, name, depth);
  const type = (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type) ?? 'string';
  if (type === 'object') {
    if (depth > 3) return {};
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, personal(doc, v, data, k, depth + 1)]));
  }
  if (type === 'array') return depth > 3 ? [] : [personal(doc, s.items ?? {}, data, name, depth + 1)];
  if (type === 'number' || type === 'integer') return Math.max(s.minimum ?? 1, 1);
  if (type === 'boolean') return false;
  if (s.format === 'uuid') return crypto.randomUUID();
  if (s.format === 'date' || /date$/i.test(name)) return '2026-10-01';
  if (s.format === 'date-time') return new Date().toISOString();
  if (s.format === 'email') return 'privacy@example.com';
  if (s.format === 'uri') return 'https://example.com/a.png';
  const candidates = /uscc|credit/i.test(name) ? [data.USCC] : /phone|mobile|tel/i.test(name) ? [data.PHONE] : [`${data.PERSON} ${data.PHONE} ${data.USCC}`, data.PERSON, data.USCC, data.PHONE];
  const re = s.pattern ? new RegExp(s.pattern, 'u') : null;
  return candidates.find((c) => !re || re.test(c)) ?? (s.examples?.[0] as string | undefined) ?? data.PERSON;
}
