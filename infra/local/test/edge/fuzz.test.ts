import { DEMO_PASSWORD, TENANTS } from '@yingshang/seeds';
import * as fc from 'fast-check';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

/**
 * Bad input, generated from every service's OpenAPI document: a new endpoint is fuzzed the day it is added. For
 * every write with a JSON body: wrong types, missing and extra fields (mass assignment of tenant, id, version and
 * audit fields), huge and unicode-edge strings, injection strings, NaN/Infinity/negative/huge numbers, impossible
 * dates, malformed and oversized bodies; for every query and path parameter: the same hostile values. Every answer
 * must be below 500, a refusal must be problem+json, a refused write must leave every table's row count as it
 * was, and an accepted write must not have taken a field the client may not set.
 *
 * Seeded and reproducible: the seed is printed; `FUZZ_SEED=<seed>` replays the same cases. `FUZZ_RUNS` sets the
 * cases per body operation (default 16; query and path parameters get a quarter of that each). The cases run
 * within `FUZZ_BUDGET_S` seconds (default 60); on a busy machine the rest is reported as not reached.
 * `FUZZ_DEBUG=1` prints each operation's base request and answer.
 */
const SERVICES = ['identity', 'projects', 'enterprise', 'assessments'] as const;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const BODY_RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const QUERY_RUNS = Math.max(2, Math.round(BODY_RUNS / 4));
// A ceiling on the suite's time on a slow or busy machine: operations not reached are reported, and where the
// walk starts turns with the seed, so successive runs cover different ones. `FUZZ_BUDGET_S=0` removes it.
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_S ?? 60) * 1000 || Number.POSITIVE_INFINITY;
let fuzzStarted = 0;
const skipped = new Set<string>();
const overBudget = (key: string) => {
  fuzzStarted ||= Date.now();
  if (Date.now() - fuzzStarted <= BUDGET_MS) return false;
  skipped.add(key);
  return true;
};
/** The operations from a seed-chosen starting point, wrapping around. */
const rotated = <T,>(items: T[]): T[] => {
  const at = items.length ? SEED % items.length : 0;
  return [...items.slice(at), ...items.slice(0, at)];
};
// Refusals that are recorded by design: a failed sign-in is logged (and counts towards lockout).
const RECORDED_REFUSALS = new Set(['identity.sign_in_log']);

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  examples?: unknown[];
  default?: unknown;
};
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  service: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | null;
  doc: { components?: { schemas?: Record<string, Schema> } };
}

let stack: Stack;
const operations: Operation[] = [];
const tokens: Record<'district' | 'city', string> = { district: '', city: '' };
const tokenFor = new Map<string, string>();
const versions = new Map<string, number>();
const ownRows = new Map<string, string[]>();
let ownAllIds: string[] = [];
const countSql = new Map<string, string>();
let takenSql = '';
let takenBefore = new Set<string>();
let otherTenantSql = '';
const counts: Record<string, number> = {};
const accepted: Record<string, number> = {};

// ---------------------------------------------------------------------------------------------------------------
// Hostile values
const INJECTION = [
  "' OR '1'='1",
  "'; drop table identity.users; --",
  "1; select pg_sleep(5)--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '${7*7}{{7*7}}',
  '%00',
  'current_setting(\'app.tenant_id\')',
];
const UNICODE = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '👨‍👩‍👧‍👦🀄️𠀀',
  '\ufeff\u200b\u200d',
  'Ａ\u0301\u0308',
];
const hugeString = (n: number) => '营'.repeat(n);
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01', '2026-2-3', '99999-01-01', '2026-02-29T25:61:00Z'];
const BAD_NUMBERS: unknown[] = [-1, -0.001, 1e308, -1e308, 2 ** 53 + 2, 0.1 + 0.2, 1e-320, 1234567890123.45];
// Text that JSON cannot carry as numbers: sent raw, the parser must refuse them (or, for 1e999, see Infinity).
const RAW_NUMBERS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '01'];
const MASS = {
  tenant_id: '',
  tenantId: '',
  id: '0190aaaa-0000-7000-8000-00000000dead',
  version: 777,
  createdAt: '2001-01-01T00:00:00.000Z',
  updatedAt: '2001-01-01T00:00:00.000Z',
  createdBy: '0190aaaa-0000-7000-8000-00000000beef',
  created_at: '2001-01-01T00:00:00.000Z',
};

// ---------------------------------------------------------------------------------------------------------------
// Schemas
function resolve(doc: Operation['doc'], schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let depth = 0; s.$ref && depth < 10; depth++) s = doc.components?.schemas?.[s.$ref.split('/').at(-1)!] ?? {};
  if (s.allOf) return s.allOf.reduce<Schema>((acc, part) => {
    const r = resolve(doc, part);
    return { ...acc, ...r, properties: { ...acc.properties, ...r.properties }, required: [...(acc.required ?? []), ...(r.required ?? [])] };
  }, {});
  return s;
}

const typesOf = (doc: Operation['doc'], schema: Schema): Set<string> => {
  const s = resolve(doc, schema);
  const out = new Set<string>();
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) for (const t of typesOf(doc, branch)) out.add(t);
  if (s.type) for (const t of Array.isArray(s.type) ? s.type : [s.type]) out.add(t === 'integer' ? 'number' : t);
  if (s.enum) for (const v of s.enum) out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (out.size === 0) for (const t of ['string', 'number', 'boolean', 'object', 'array', 'null']) out.add(t);
  return out;
};

const PATTERN_CANDIDATES = ['A1', 'abc123', 'user01', 'fuzz_user', '2026-10', '2026-10-01', '2025Q2', '410105', '#1f5fbf', '13800000000', '91410100MA46PQRX3K', 'ABC-001', 'a'];

/** A plausible valid value, so that one mutation at a time reaches past validation into the handler. */
function sample(doc: Operation['doc'], schema: Schema, name = '', depth = 0): unknown {
  const s = resolve(doc, schema);
  if (s.examples?.length) return s.examples[0];
  if (s.enum?.length) return s.enum.find((v) => v !== null && v !== '') ?? s.enum[0];
  const branch = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].find((b) => !typesOf(doc, b).has('null') || typesOf(doc, b).size > 1);
  if (branch) return sample(doc, branch, name, depth);
  const type = (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type) ?? 'string';
  switch (type) {
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(doc, s.properties?.[key] ?? {}, key, depth + 1);
      // An edit with nothing in it is refused before anything else: change one plain text field.
      const text = Object.entries(s.properties ?? {}).find(([k, p]) => !(k in out) && resolve(doc, p).type === 'string' && !resolve(doc, p).pattern && !resolve(doc, p).format && !resolve(doc, p).enum);
      if (!s.required?.length && text) out[text[0]] = sample(doc, text[1], text[0], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(doc, s.items ?? {}, name, depth + 1));
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default: {
      if (/password/i.test(name)) return 'Fuzz@Passw0rd-1';
      if (s.format === 'uuid') return ownAllIds[0] ?? crypto.randomUUID();
      if (s.format === 'date' || /date$/i.test(name)) return '2026-10-01';
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'email') return 'fuzz@example.com';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.com/a.png';
      if (s.pattern) {
        const re = new RegExp(s.pattern, 'u');
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c));
        if (hit) return hit;
      }
      const min = Math.max(s.minLength ?? 1, 1);
      return `模糊${'x'.repeat(Math.max(0, Math.min(min, s.maxLength ?? min) - 2))}`.slice(0, s.maxLength ?? 1000);
    }
  }
}

/** A value whose JSON type the schema does not allow; undefined when it allows every type. */
function wrongTypeValue(doc: Operation['doc'], schema: Schema, pick: number): unknown {
  const allowed = typesOf(doc, schema);
  const options: unknown[] = [];
  if (!allowed.has('number')) options.push(42, -7.5);
  if (!allowed.has('string')) options.push('fuzz', '');
  if (!allowed.has('boolean')) options.push(true);
  if (!allowed.has('object')) options.push({ nested: { deeper: ['x'] } });
  if (!allowed.has('array')) options.push([1, 'two', null]);
  if (!allowed.has('null')) options.push(null);
  return options.length ? options[pick % options.length] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Cases
type Expect = 'refused' | 'safe' | 'not-taken';
interface BodyCase {
  kind: string;
  /** The body exactly as sent. */
  text: string;
  expect: Expect;
  contentType?: string;
}

const stringy = (doc: Operation['doc'], s: Schema) => typesOf(doc, s).has('string');
const numeric = (doc: Operation['doc'], s: Schema) => typesOf(doc, s).has('number');
const datey = (doc: Operation['doc'], s: Schema, name: string) => {
  const r = resolve(doc, s);
  return r.format === 'date' || r.format === 'date-time' || /date$|Date$|^from$|^to$|deadline|day$/.test(name);
};

function bodyCaseArbitrary(op: Operation): fc.Arbitrary<BodyCase> {
  const doc = op.doc;
  const schema = resolve(doc, op.body!);
  const base = sample(doc, schema) as Record<string, unknown>;
  const props = Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, schema: resolve(doc, s) }));
  const required = schema.required ?? [];
  const withValue = (name: string, value: unknown) => JSON.stringify({ ...base, [name]: value });
  const arbs: fc.Arbitrary<BodyCase>[] = [
    // Not an object at all, or not JSON.
    fc.constantFrom<BodyCase>(
      { kind: 'array body', text: '[]', expect: 'refused' },
      { kind: 'null body', text: 'null', expect: 'refused' },
      { kind: 'string body', text: '"x"', expect: 'refused' },
      { kind: 'malformed JSON', text: '{"a":', expect: 'refused' },
      { kind: 'empty body', text: '', expect: 'refused' },
      { kind: 'form body', text: 'a=1&b=2', expect: 'refused', contentType: 'application/x-www-form-urlencoded' },
      { kind: 'deep nesting', text: `${'['.repeat(5000)}${']'.repeat(5000)}`, expect: 'refused' },
    ),
    // Extra and mass-assigned fields: refused, or accepted without taking them.
    fc.subarray(Object.keys(MASS), { minLength: 1 }).map((keys) => ({
      kind: `mass assignment (${keys.join(', ')})`,
      text: JSON.stringify({ ...base, ...Object.fromEntries(keys.map((k) => [k, MASS[k as keyof typeof MASS]])) }),
      expect: 'not-taken' as const,
    })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({
      kind: `extra field ${JSON.stringify(k)}`,
      text: JSON.stringify({ ...base, [`x_${k}`]: v }),
      expect: 'safe' as const,
    })),
  ];
  if (required.length) {
    arbs.push(
      fc.constantFrom(...required).map((name) => {
        const { [name]: _dropped, ...rest } = base;
        return { kind: `missing required ${name}`, text: JSON.stringify(rest), expect: 'refused' as const };
      }),
    );
  }
  if (props.length) {
    const prop = fc.constantFrom(...props);
    arbs.push(
      fc.tuple(prop, fc.nat()).chain(([p, n]) => {
        const wrong = wrongTypeValue(doc, p.schema, n);
        return wrong === undefined
          ? fc.constant<BodyCase>({ kind: 'base body', text: JSON.stringify(base), expect: 'safe' })
          : fc.constant<BodyCase>({ kind: `wrong type ${p.name}=${JSON.stringify(wrong)}`, text: withValue(p.name, wrong), expect: 'refused' });
      }),
    );
    const strings = props.filter((p) => stringy(doc, p.schema));
    if (strings.length) {
      arbs.push(
        fc.tuple(fc.constantFrom(...strings), fc.constantFrom(...INJECTION, ...UNICODE)).map(([p, v]) => ({
          kind: `hostile string ${p.name}=${JSON.stringify(v)}`,
          text: withValue(p.name, v),
          expect: 'safe' as const,
        })),
        fc.tuple(fc.constantFrom(...strings), fc.constantFrom(256, 10_000, 100_000)).map(([p, n]) => ({
          kind: `huge string ${p.name} (${n} chars)`,
          text: withValue(p.name, hugeString(n)),
          // Longer than the document allows must be refused; otherwise it may be taken.
          expect: p.schema.maxLength !== undefined && n > p.schema.maxLength ? ('refused' as const) : ('safe' as const),
        })),
      );
    }
    const numbers = props.filter((p) => numeric(doc, p.schema));
    if (numbers.length) {
      arbs.push(
        fc.tuple(fc.constantFrom(...numbers), fc.constantFrom(...RAW_NUMBERS)).map(([p, raw]) => ({
          kind: `raw number ${p.name}=${raw}`,
          text: JSON.stringify({ ...base, [p.name]: '__RAW__' }).replace('"__RAW__"', raw),
          expect: 'refused' as const,
        })),
        fc.tuple(fc.constantFrom(...numbers), fc.constantFrom(...BAD_NUMBERS)).map(([p, v]) => {
          const outOfRange = (p.schema.minimum !== undefined && (v as number) < p.schema.minimum) || (p.schema.maximum !== undefined && (v as number) > p.schema.maximum);
          return { kind: `number ${p.name}=${String(v)}`, text: withValue(p.name, v), expect: outOfRange ? ('refused' as const) : ('safe' as const) };
        }),
      );
    }
    const dates = props.filter((p) => datey(doc, p.schema, p.name) && stringy(doc, p.schema));
    if (dates.length) {
      arbs.push(
        fc.tuple(fc.constantFrom(...dates), fc.constantFrom(...IMPOSSIBLE_DATES)).map(([p, v]) => ({
          kind: `impossible date ${p.name}=${v}`,
          text: withValue(p.name, v),
          expect: 'refused' as const,
        })),
      );
    }
  }
  return fc.oneof(...arbs);
}

const QUERY_VALUES = [
  'abc', '-1', '0', 'NaN', 'Infinity', '1e309', '9'.repeat(40), '1.5', 'true', '',
  '2026-02-30', '2026-13', '2026-00', ...INJECTION, ...UNICODE.filter((u) => !u.includes('\ud800') && !u.includes('\udfff')), hugeString(5000),
];

// ---------------------------------------------------------------------------------------------------------------
// The stack
async function signIn(slug: string, username: string): Promise<string> {
  const res = await stack.fetch(`${stack.tenantUrl(slug)}/api/identity/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `${slug}/${username}`).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The signed-in admin's token with every permission of the catalogue: the fuzz must reach past the guards. */
async function superToken(slug: string, all: string[]): Promise<string> {
  const token = await signIn(slug, 'admin');
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  return sign({ ...claims, perms: all }, stack.jwtSecret, 'HS256');
}

beforeAll(async () => {
  stack = await startStack({ port: 0, dataDir: null });
  // The catalogue as the city sees it: districts are not shown the city-only permissions.
  const cityAdmin = await signIn('zhengzhou', 'admin');
  const catalogue = (await (
    await stack.fetch(`${stack.tenantUrl('zhengzhou')}/api/identity/v1/permissions/catalogue`, { headers: { authorization: `Bearer ${cityAdmin}` } })
  ).json()) as { groups: { entities: { permissions: { name: string }[] }[] }[] };
  const all = catalogue.groups.flatMap((g) => g.entities.flatMap((e) => e.permissions.map((p) => p.name)));
  expect(all.length).toBeGreaterThan(20);
  tokens.district = await superToken('jinshui', all);
  tokens.city = await superToken('zhengzhou', all);

  for (const service of SERVICES) {
    const doc = (await (await stack.fetch(`${stack.url}/api/${service}/openapi.json`)).json()) as Operation['doc'] & {
      paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const body = op.requestBody?.content?.['application/json']?.schema ?? null;
        operations.push({ service, method: method.toUpperCase(), path, parameters: op.parameters ?? [], body, doc });
      }
    }
  }

  const db = stack.pglite!;
  const jinshui = TENANTS.find((t) => t.slug === 'jinshui')!.id;
  MASS.tenant_id = TENANTS.find((t) => t.slug === 'erqi')!.id;
  MASS.tenantId = MASS.tenant_id;
  const tables = (
    await db.query<{ schema: string; table: string; columns: string[] }>(`
      select t.table_schema as schema, t.table_name as table, array_agg(c.column_name::text) as columns
      from information_schema.tables t join information_schema.columns c using (table_schema, table_name)
      where t.table_type = 'BASE TABLE' and t.table_schema in ('identity', 'projects', 'enterprise', 'assessments', 'audit')
      group by 1, 2 order by 1, 2`)
  ).rows;
  for (const { schema, table, columns } of tables) {
    if (!columns.includes('tenant_id') || !columns.includes('id')) continue;
    const rows = await db.query<{ id: string }>(`select id::text as id from "${schema}"."${table}" where tenant_id = $1 limit 3`, [jinshui]);
    if (rows.rows.length) ownRows.set(table, rows.rows.map((r) => r.id));
  }
  ownAllIds = [...ownRows.values()].flat();
  // A service can write only its own schema and the audit log (grants): count those after each of its cases.
  for (const service of SERVICES) {
    const own = tables.filter((t) => t.schema === service || t.schema === 'audit');
    countSql.set(service, `select json_build_object(${own.map(({ schema, table }) => `'${schema}.${table}', (select count(*) from "${schema}"."${table}")`).join(', ')}) as counts`);
  }
  // Where a mass-assigned value would show if a write had taken it.
  const probes: string[] = [];
  for (const { schema, table, columns } of tables) {
    const t = `"${schema}"."${table}"`;
    if (columns.includes('id')) probes.push(`select '${t}.id' as hit from ${t} where id::text in ('${MASS.id}', '${MASS.createdBy}')`);
    if (columns.includes('created_by')) probes.push(`select '${t}.created_by' from ${t} where created_by::text = '${MASS.createdBy}'`);
    if (columns.includes('version')) probes.push(`select '${t}.version' from ${t} where version = ${MASS.version}`);
    if (columns.includes('created_at')) probes.push(`select '${t}.created_at' from ${t} where created_at < '2002-01-01'`);
    if (columns.includes('updated_at')) probes.push(`select '${t}.updated_at' from ${t} where updated_at < '2002-01-01'`);
  }
  takenSql = probes.join(' union all ');
  // Anything already there (seeded history, say) is not the fuzz's doing.
  takenBefore = new Set((await db.query<{ hit: string }>(takenSql)).rows.map((r) => r.hit));
  // 二七区 is the tenant a mass-assigned tenant id points at: nothing of it may change.
  otherTenantSql = `select json_build_object(${tables
    .filter((t) => t.columns.includes('tenant_id'))
    .map(({ schema, table }) => `'${schema}.${table}', (select count(*) from "${schema}"."${table}" where tenant_id = '${MASS.tenant_id}')`)
    .join(', ')}) as counts`;
}, 180_000);

afterAll(async () => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = SERVICES.map((s) => `${s} ${counts[s] ?? 0} (${accepted[s] ?? 0} accepted)`).join(', ');
  process.stdout.write(`\nfuzz suite: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${total} cases: ${lines}\n`);
  if (skipped.size) process.stdout.write(`fuzz suite: time budget reached, ${skipped.size} operation runs not reached this time (FUZZ_BUDGET_S=0 for all)\n`);
  await stack?.stop();
});

const rowCounts = async (service: string) => (await stack.pglite!.query<{ counts: Record<string, number> }>(countSql.get(service)!)).rows[0]!.counts;

function fill(path: string, override?: { name: string; value: string }): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string, offset: number) => {
    if (override?.name === name) return encodeURIComponent(override.value);
    if (/month/i.test(name)) return '2026-10';
    const resource = path.slice(0, offset).split('/').filter(Boolean).at(-1) ?? '';
    const pool = ownRows.get(resource.replace(/-/g, '_')) ?? ownAllIds;
    return pool[0] ?? crypto.randomUUID();
  });
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function send(op: Operation, url: string, init: { body?: string; contentType?: string } = {}, token?: string): Promise<Answer> {
  const target = new URL(url).pathname;
  const headers: Record<string, string> = {
    authorization: `Bearer ${token ?? tokenFor.get(`${op.method} ${op.path}`) ?? tokens.district}`,
    // The version last seen for this record, so that edits get past the optimistic-concurrency check.
    'if-match': `"${versions.get(target) ?? 1}"`,
  };
  if (op.method === 'POST') headers['idempotency-key'] = `fuzz-${crypto.randomUUID()}`;
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  let res: Response | undefined;
  for (let attempt = 1; !res; attempt++) {
    try {
      res = await stack.fetch(url, { method: op.method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    } catch (err) {
      // The worker answers 413 from Content-Length alone and may close the socket while a large body is still
      // being written: a race in the local HTTP hop, not an answer. Try again; a second reset is a failure.
      if (attempt >= 3 || (init.body?.length ?? 0) < 1_000_000) throw err;
    }
  }
  counts[op.service] = (counts[op.service] ?? 0) + 1;
  const text = await res.text();
  const etag = /^(?:W\/)?"?(\d+)"?$/.exec(res.headers.get('etag') ?? '')?.[1];
  if (etag) versions.set(target, Number(etag));
  else if (res.status === 412) {
    const current = (JSON.parse(text) as { currentVersion?: number }).currentVersion;
    if (current) versions.set(target, current);
  }
  if (res.status < 300) accepted[op.service] = (accepted[op.service] ?? 0) + 1;
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text };
}

function expectSafe(answer: Answer, what: string) {
  expect(answer.status, `${what} answered ${answer.status}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) expect(answer.type, `${what}: a refusal must be problem+json`).toContain('application/problem+json');
}

const tenantHost = (op: Operation) => stack.tenantUrl(tokenFor.get(`${op.method} ${op.path}`) === tokens.city ? 'zhengzhou' : 'jinshui');

describe('fuzz, generated from the OpenAPI documents', () => {
  it('finds operations to fuzz in every document', () => {
    expect(operations.filter((o) => o.body).length).toBeGreaterThan(10);
    process.stdout.write(`\nfuzz seed ${SEED}: replay with FUZZ_SEED=${SEED}\n`);
  });

  it('refuses hostile JSON bodies with 4xx problem+json, writing nothing, and never takes protected fields', async () => {
    const oversizedTried = new Set<string>();
    const otherTenant = async () => (await stack.pglite!.query<{ counts: Record<string, number> }>(otherTenantSql)).rows[0]!.counts;
    for (const op of rotated(operations.filter((o) => o.body && o.method !== 'GET'))) {
      const key = `${op.method} ${op.path}`;
      if (overBudget(`body ${key}`)) continue;
      // City-only operations are fuzzed as the city office; everything else as a district.
      const probe = await send(op, `${stack.tenantUrl('jinshui')}${fill(op.path)}`, { body: JSON.stringify(sample(op.doc, op.body!)) });
      if (probe.status === 403) tokenFor.set(key, tokens.city);
      if (process.env.FUZZ_DEBUG) {
        const base = await send(op, `${tenantHost(op)}${fill(op.path)}`, { body: JSON.stringify(sample(op.doc, op.body!)) });
        process.stdout.write(`base ${key} ${base.status} ${JSON.stringify(sample(op.doc, op.body!)).slice(0, 200)} ${base.body.slice(0, 300)}\n`);
      }
      let before = await rowCounts(op.service);
      // As a district, nothing of 二七区 (the tenant a mass-assigned tenant id names) may change. The city's
      // notices fan out to every district by design, so its operations are not held to this.
      const otherBefore = tokenFor.get(key) === tokens.city ? null : await otherTenant();
      const seed = (SEED ^ hash(key)) >>> 0;
      await fc.assert(
        fc.asyncProperty(bodyCaseArbitrary(op), async (c) => {
          const what = `${key} [${c.kind}] (FUZZ_SEED=${SEED})`;
          const answer = await send(op, `${tenantHost(op)}${fill(op.path)}`, { body: c.text, ...(c.contentType ? { contentType: c.contentType } : {}) });
          expectSafe(answer, what);
          const after = await rowCounts(op.service);
          if (c.expect === 'refused') expect(answer.status, `${what} must be refused: ${answer.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          if (answer.status >= 400) {
            const changed = Object.keys(after).filter((t) => after[t] !== before[t] && !RECORDED_REFUSALS.has(t));
            expect(changed, `${what} was refused (${answer.status}) yet changed ${changed.join(', ')}`).toEqual([]);
          } else if (c.expect === 'not-taken') {
            const { rows } = await stack.pglite!.query<{ hit: string }>(takenSql);
            expect(rows.map((r) => r.hit).filter((h) => !takenBefore.has(h)), `${what} stored a field the client may not set`).toEqual([]);
            const parsed = JSON.parse(answer.body || '{}') as Record<string, unknown>;
            for (const field of ['tenantId', 'tenant_id'] as const) if (field in parsed) expect(parsed[field], what).not.toBe(MASS.tenantId);
            if ('id' in parsed) expect(parsed.id, what).not.toBe(MASS.id);
          }
          before = after;
        }),
        { seed, numRuns: BODY_RUNS, endOnFailure: true },
      );
      // A district's modules may have been switched off by a valid body: switch every one back on, or the other
      // services would turn the rest of the fuzz away at the door.
      if (op.path.endsWith('/settings/modules')) {
        const modules = resolve(op.doc, resolve(op.doc, op.body!).properties?.modules).items;
        const all = resolve(op.doc, modules).enum ?? [];
        const back = await send(op, `${tenantHost(op)}${fill(op.path)}`, { body: JSON.stringify({ modules: all }) });
        expect(back.status, `restoring the modules: ${back.body.slice(0, 200)}`).toBeLessThan(300);
        before = await rowCounts(op.service);
      }
      // Over a megabyte: refused (413 past the service's limit — projects takes 5 MiB for Excel uploads — else 400).
      const large = await send(op, `${tenantHost(op)}${fill(op.path)}`, { body: JSON.stringify({ ...(sample(op.doc, op.body!) as object), filler: 'x'.repeat(1_100_000) }) });
      expectSafe(large, `${key} [1.1 MB body]`);
      expect(large.status, `${key} [1.1 MB body]`).toBeGreaterThanOrEqual(400);
      // Past every service's limit: 413 before anything is parsed, once per service.
      if (!oversizedTried.has(op.service)) {
        oversizedTried.add(op.service);
        const oversized = await send(op, `${tenantHost(op)}${fill(op.path)}`, { body: `{"filler":"${'x'.repeat(9 * 1024 * 1024)}"}` });
        expectSafe(oversized, `${key} [9 MiB body]`);
        expect(oversized.status, `${key} [9 MiB body]`).toBe(413);
      }
      expect(Object.entries(await rowCounts(op.service)).filter(([t, n]) => n !== before[t] && !RECORDED_REFUSALS.has(t)), `${key}: a refused large body wrote`).toEqual([]);
      if (otherBefore) expect(await otherTenant(), `${key} changed rows of 二七区`).toEqual(otherBefore);
    }
  }, 300_000);

  it('answers hostile query and path parameters below 500, refusals as problem+json', async () => {
    for (const op of rotated(operations)) {
      const key = `${op.method} ${op.path}`;
      const params = op.parameters.filter((p) => p.in === 'query' || p.in === 'path');
      if (!params.length || overBudget(`params ${key}`)) continue;
      const seed = (SEED ^ hash(`${key} params`)) >>> 0;
      const body = op.body ? JSON.stringify(sample(op.doc, op.body)) : undefined;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...params), fc.constantFrom(...QUERY_VALUES), fc.boolean(), async (param, value, twice) => {
          let url = `${tenantHost(op)}${fill(op.path, param.in === 'path' ? { name: param.name, value } : undefined)}`;
          if (param.in === 'query') {
            const q = new URLSearchParams([[param.name, value]]);
            if (twice) q.append(param.name, 'again'); // the same parameter twice: an array where a scalar is expected
            url += `?${q}`;
          }
          const what = `${key} [${param.in} ${param.name}=${JSON.stringify(value.slice(0, 40))}${twice ? ' twice' : ''}] (FUZZ_SEED=${SEED})`;
          expectSafe(await send(op, url, body === undefined ? {} : { body }), what);
        }),
        { seed, numRuns: QUERY_RUNS * params.length, endOnFailure: true },
      );
    }
  }, 300_000);
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
