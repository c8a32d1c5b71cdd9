import { schema } from '@yingshang/db';
import { hashPassword } from '@yingshang/service-kit/password';
import { loadArgon2Node } from '@yingshang/service-kit/password-node';
import { eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { calendarDays } from './calendar-data.ts';
import { DEMO_PASSWORD, buildDemoRows } from './demo.ts';
import { buildDemoProjects } from './projects.ts';
import { buildDemoAssessments } from './assessments.ts';
import { buildDemoEnterprise } from './enterprise.ts';
import { dictionaryItems } from './dictionaries.ts';
import { CITY_TENANT, TENANTS } from './tenants-data.ts';

export * from './calendar-data.ts';
export * from './demo.ts';
export * from './dictionaries.ts';
export * from './projects.ts';
export * from './assessments.ts';
export * from './enterprise.ts';
export * from './tenants-data.ts';

export interface SeedOptions {
  log?: (line: string) => void;
  /** The day the demo data is written for (Asia/Shanghai, `YYYY-MM-DD`); projects report up to the month before. */
  today?: string;
}

/** Inserts in slices: one statement may carry at most 65,535 parameters. */
async function insertAll<T extends Record<string, unknown>>(tx: { insert: SeedDatabase['insert'] }, table: Parameters<SeedDatabase['insert']>[0], values: T[]): Promise<void> {
  for (let i = 0; i < values.length; i += 500) await tx.insert(table).values(values.slice(i, i + 500) as never);
}

/** Serialises concurrent seeders (two start scripts racing on one fresh database): the second sees the first's rows. */
const SEED_LOCK_KEY = 0x7973_5eed;

/**
 * Writes Zhengzhou's tenants, their departments, built-in roles and demo users, and the working-day calendar, in
 * one transaction. Idempotent: when the city tenant exists it writes nothing, so a restart never duplicates or
 * overwrites what people have since edited. Runs as the connection's own (owner) role, which RLS does not
 * restrict — seeding writes every tenant's rows, which no service role may.
 */
/** Any drizzle Postgres database (PGlite in tests and locally, Neon's pool in production), with or without schema. */
export type SeedDatabase = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

export async function seed(db: SeedDatabase, opts: SeedOptions = {}): Promise<{ seeded: boolean }> {
  const log = opts.log ?? (() => {});
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const existing = await tx
      .select({ id: schema.tenants.id })
      .from(schema.tenants)
      .where(eq(schema.tenants.slug, CITY_TENANT.slug))
      .limit(1);
    // Reference data like the calendar, but written before the check below: a database seeded before the
    // dictionaries existed gets them too, and an item someone has since edited stays as they set it.
    const dictionaries = await tx
      .insert(schema.dictionaryItems)
      .values([...dictionaryItems])
      .onConflictDoNothing()
      .returning({ value: schema.dictionaryItems.value });
    if (existing.length > 0) {
      const written = dictionaries.length > 0 ? `only ${dictionaries.length} missing dictionary items written` : 'nothing written';
      log(`seed: tenant ${CITY_TENANT.slug} already exists, ${written}`);
      return { seeded: false };
    }

    // One hash for every demo account: Argon2id costs ~70 ms a call, and these are demo credentials anyway.
    const passwordHash = hashPassword(await loadArgon2Node(), DEMO_PASSWORD);
    const rows = buildDemoRows(passwordHash);

    await tx.insert(schema.tenants).values(
      TENANTS.map((tenant) => ({
        id: tenant.id,
        cityId: CITY_TENANT.id,
        kind: tenant.kind,
        divisionCode: tenant.divisionCode,
        name: tenant.name,
        shortName: tenant.shortName,
        slug: tenant.slug,
        rankingGroup: tenant.rankingGroup,
        status: 'active' as const,
        // Seeded tenants stand for districts that finished onboarding long ago.
        onboardingSteps: ['admin', 'branding', 'modules'],
        activatedAt: new Date('2024-01-02T00:00:00Z'),
        primaryColor: tenant.primaryColor,
        logo: tenant.logo,
        modules: [...tenant.modules],
        sortOrder: tenant.sortOrder,
      })),
    );
    await tx.insert(schema.departments).values(rows.departments);
    await tx.insert(schema.roles).values(rows.roles);
    await tx.insert(schema.users).values(rows.users);
    const today = opts.today ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const projects = buildDemoProjects({ today, departments: rows.departments, users: rows.users });
    await insertAll(tx, schema.projectsTable, projects.projects);
    await insertAll(tx, schema.annualPlans, projects.annualPlans);
    await insertAll(tx, schema.stageHistory, projects.stageHistory);
    await insertAll(tx, schema.investmentReports, projects.reports);
    await insertAll(tx, schema.blockers, projects.blockers);
    await insertAll(tx, schema.blockerNotes, projects.blockerNotes);
    const enterprise = buildDemoEnterprise({ today, users: rows.users });
    await insertAll(tx, schema.timeLimitSettings, enterprise.timeLimits);
    await insertAll(tx, schema.usccAllowlist, enterprise.allowlist);
    await insertAll(tx, schema.parks, enterprise.parks);
    await insertAll(tx, schema.enterprises, enterprise.enterprises);
    await insertAll(tx, schema.enterpriseUsers, enterprise.enterpriseUsers);
    await insertAll(tx, schema.pairings, enterprise.pairings);
    await insertAll(tx, schema.visits, enterprise.visits);
    await insertAll(tx, schema.appeals, enterprise.appeals);
    await insertAll(tx, schema.appealExtensions, enterprise.extensions);
    await insertAll(tx, schema.appealEvents, enterprise.events);
    await insertAll(tx, schema.policies, enterprise.policies);
    await insertAll(tx, schema.policyMatches, enterprise.matches);
    const assessments = buildDemoAssessments({ today });
    await insertAll(tx, schema.indicators, assessments.indicators);
    await insertAll(tx, schema.periods, assessments.periods);
    await insertAll(tx, schema.weightSets, assessments.weightSets);
    await insertAll(tx, schema.indicatorValues, assessments.values);
    await insertAll(tx, schema.targets, assessments.targets);
    await insertAll(tx, schema.tours, assessments.tours);
    await insertAll(tx, schema.tourSites, assessments.tourSites);
    await insertAll(tx, schema.tourScores, assessments.tourScores);
    await insertAll(tx, schema.supervisionTasks, assessments.tasks);
    await insertAll(tx, schema.supervisionReports, assessments.reports);
    await insertAll(tx, schema.rankings, assessments.rankings);
    // The calendar is national, not per tenant: a day someone already entered by hand stays as they set it.
    const calendar = await tx
      .insert(schema.calendarDays)
      .values(calendarDays.map(({ day, kind, name }) => ({ day, kind, name })))
      .onConflictDoNothing()
      .returning({ day: schema.calendarDays.day });

    log(
      `seed: ${TENANTS.length} tenants, ${rows.departments.length} departments, ${rows.roles.length} roles, ` +
        `${rows.users.length} users, ${calendar.length} calendar days, ${dictionaries.length} dictionary items, ` +
        `${projects.projects.length} projects with ${projects.reports.length} monthly reports and ${projects.blockers.length} blockers, ` +
        `${enterprise.enterprises.length} enterprises with ${enterprise.appeals.length} appeals and ${enterprise.matches.length} policy matches, ` +
        `${assessments.indicators.length} indicators, ${assessments.periods.length} periods, ${assessments.rankings.length} rankings`,
    );
    const provisionalYears = [...new Set(calendarDays.filter((d) => d.provisional).map((d) => d.day.slice(0, 4)))];
    if (provisionalYears.length > 0) {
      log(`seed: the ${provisionalYears.join(', ')} holiday calendar is provisional; check it against the State Council notice`);
    }
    return { seeded: true };
  });
}
