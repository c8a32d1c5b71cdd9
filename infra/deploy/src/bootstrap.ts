// The city's first sign-in on a fresh production database: the city tenant, its built-in roles, one department
// and one administrator who must change the password at first sign-in, plus the national working-day calendar
// and the dictionaries. No demo users and no demo data (those are `npm start`'s). Run once after the first deploy;
// running it again changes nothing.
//
//   pnpm --filter @yingshang/deploy run bootstrap -- [--dry-run] [--env production]
import { roleTemplatesFor } from '@yingshang/contracts';
import { connect, schema, uuidv7, type Db } from '@yingshang/db';
import { calendarDays, CITY_TENANT, dictionaryItems } from '@yingshang/seeds';
import { hashPassword } from '@yingshang/service-kit/password';
import { loadArgon2Node } from '@yingshang/service-kit/password-node';
import { eq } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import { asEnvironment, parseCli, runMain, shortPath, UsageError } from './cli.ts';
import type { Log } from './neon.ts';
import { newSecret, readSecrets, redact, secretsPath } from './secrets.ts';

export interface BootstrapOptions {
  dryRun: boolean;
  /** The administrator's first password; generated (and printed once) when not given. */
  adminPassword?: string | undefined;
  adminUsername: string;
}

export interface BootstrapResult {
  created: boolean;
  username: string;
  /** Only when this run made the account and chose the password. */
  password: string | null;
}

const MIN_PASSWORD = 12;

export async function bootstrap(db: Db, o: BootstrapOptions, log: Log = console.log): Promise<BootstrapResult> {
  const city = CITY_TENANT;
  const roles = roleTemplatesFor('city');
  if (o.adminPassword !== undefined && o.adminPassword.length < MIN_PASSWORD) throw new UsageError(`the administrator's password must have at least ${MIN_PASSWORD} characters`);
  if (o.dryRun) {
    log(`  sql   would insert the tenant ${city.slug} (${city.name}), active, with every module`);
    log(`  sql   would insert ${roles.length} built-in roles (${roles.map((r) => r.code).join(', ')}) and the department 市政府办公厅`);
    log(`  sql   would insert the user ${o.adminUsername} (role city_admin), who must change the password at first sign-in`);
    log(`  sql   would insert ${calendarDays.length} calendar days and ${dictionaryItems.length} dictionary items (each only if missing)`);
    return { created: false, username: o.adminUsername, password: null };
  }
  return db.transaction(async (tx) => {
    // Reference data first and without conflict: a database bootstrapped earlier gets only what is missing.
    const days = await tx.insert(schema.calendarDays).values(calendarDays.map(({ day, kind, name }) => ({ day, kind, name }))).onConflictDoNothing().returning({ day: schema.calendarDays.day });
    const items = await tx.insert(schema.dictionaryItems).values([...dictionaryItems]).onConflictDoNothing().returning({ value: schema.dictionaryItems.value });
    log(`  sql   ${days.length} calendar days and ${items.length} dictionary items written (the rest were there)`);

    const [existing] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, city.slug)).limit(1);
    if (existing) {
      log(`  ok    the tenant ${city.slug} exists already: nothing else written`);
      return { created: false, username: o.adminUsername, password: null };
    }
    await tx.insert(schema.tenants).values({
      id: city.id,
      cityId: city.id,
      kind: city.kind,
      divisionCode: city.divisionCode,
      name: city.name,
      shortName: city.shortName,
      slug: city.slug,
      rankingGroup: city.rankingGroup,
      status: 'active',
      onboardingSteps: ['admin', 'branding', 'modules'],
      activatedAt: new Date(),
      primaryColor: city.primaryColor,
      logo: city.logo,
      modules: [...city.modules],
      sortOrder: city.sortOrder,
    });
    const departmentId = uuidv7();
    await tx.insert(schema.departments).values({ tenantId: city.id, id: departmentId, parentId: null, code: 'zfb', name: '市政府办公厅', sortOrder: 0 });
    const roleIds = new Map<string, string>();
    await tx.insert(schema.roles).values(
      roles.map((template) => {
        const id = uuidv7();
        roleIds.set(template.code, id);
        return { tenantId: city.id, id, code: template.code, name: template.name, permissions: [...template.permissions], dataScope: template.dataScope, builtIn: true };
      }),
    );
    const adminRole = roleIds.get('city_admin');
    if (!adminRole) throw new Error('the city role templates have no city_admin');
    const password = o.adminPassword ?? newSecret(12);
    await tx.insert(schema.users).values({
      tenantId: city.id,
      id: uuidv7(),
      username: o.adminUsername,
      displayName: '系统管理员',
      passwordHash: hashPassword(await loadArgon2Node(), password),
      departmentId,
      roleId: adminRole,
      status: 'active',
      mustChangePassword: true,
    });
    log(`  ok    tenant ${city.slug}, ${roles.length} roles, department 市政府办公厅, user ${o.adminUsername} (must change the password)`);
    return { created: true, username: o.adminUsername, password: o.adminPassword === undefined ? password : null };
  });
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, log: Log = console.log): Promise<number> {
  const { values } = parseCli(argv, {
    'dry-run': { type: 'boolean', default: false },
    env: { type: 'string' },
    secrets: { type: 'string' },
    username: { type: 'string', default: 'admin' },
  });
  const environment = asEnvironment(values.env);
  const file = values.secrets ?? secretsPath(environment);
  const secrets = readSecrets(file, env);
  const ownerUrl = secrets?.ownerUrl ?? env.DATABASE_OWNER_URL;
  if (!ownerUrl && !values['dry-run']) throw new UsageError(`no owner connection string: run provision first (it writes ${shortPath(file)}) or set DATABASE_OWNER_URL`);
  log(`${values['dry-run'] ? 'DRY RUN — nothing is written. ' : ''}Bootstrapping the city ${CITY_TENANT.name} (${CITY_TENANT.slug}) as the owner${ownerUrl ? ` (${redact(ownerUrl)})` : ''}`);
  const options = { dryRun: values['dry-run'], adminPassword: env.CITY_ADMIN_PASSWORD || undefined, adminUsername: values.username };
  if (values['dry-run']) {
    await bootstrap(null as unknown as Db, options, log);
    return 0;
  }
  const handle = connect({ connectionString: ownerUrl! });
  try {
    const result = await bootstrap(handle.db, options, log);
    if (result.password) {
      log(`\nSign in at https://${CITY_TENANT.slug}.<your domain> as ${result.username} with this one-time password (shown once, not stored):\n  ${result.password}`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runMain(() => main(process.argv.slice(2)));
