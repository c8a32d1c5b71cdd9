import type { Park } from '@yingshang/contracts';
import { type Tx, queryRows, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { and, eq, sql } from 'drizzle-orm';
import { fieldProblem, iso, rate4, uniqueFields } from './problems.ts';

const K = schema.parks;

type ParkRow = Omit<Park, 'occupancyRate' | 'completionRate' | 'createdAt' | 'updatedAt'> & { createdAt: string | Date; updatedAt: string | Date };

const select = sql`
  select k.id, k.name, k.address, k.operator, k.planned_area::text as "plannedArea", k.built_area::text as "builtArea",
    k.occupied_area::text as "occupiedArea", k.investment::text as investment, k.stage, k.enterprises_settled as "enterprisesSettled",
    (select count(*)::int from enterprise.enterprises e where e.tenant_id = k.tenant_id and e.park_id = k.id) as "enterprisesOnFile",
    k.version, k.created_at as "createdAt", k.updated_at as "updatedAt"
  from enterprise.parks k`;

const toPark = (r: ParkRow): Park => ({
  ...r,
  occupancyRate: rate4(Number(r.occupiedArea), Number(r.builtArea)),
  completionRate: rate4(Number(r.builtArea), Number(r.plannedArea)),
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

export async function listParks(tx: Tx, tenantId: string) {
  const items = (await queryRows<ParkRow>(tx, sql`${select} where k.tenant_id = ${tenantId}::uuid order by k.name`)).map(toPark);
  const [t] = await queryRows<{ planned: string; built: string; occupied: string; investment: string; settled: number }>(
    tx,
    sql`select coalesce(sum(planned_area), 0)::numeric(16,2)::text as planned, coalesce(sum(built_area), 0)::numeric(16,2)::text as built,
          coalesce(sum(occupied_area), 0)::numeric(16,2)::text as occupied, coalesce(sum(investment), 0)::numeric(16,2)::text as investment,
          coalesce(sum(enterprises_settled), 0)::int as settled
        from enterprise.parks where tenant_id = ${tenantId}::uuid`,
  );
  return {
    items,
    totals: {
      parks: items.length,
      plannedArea: t!.planned,
      builtArea: t!.built,
      occupiedArea: t!.occupied,
      investment: t!.investment,
      enterprisesSettled: t!.settled,
      occupancyRate: rate4(Number(t!.occupied), Number(t!.built)),
    },
  };
}

export async function getPark(tx: Tx, tenantId: string, id: string): Promise<Park> {
  const rows = await queryRows<ParkRow>(tx, sql`${select} where k.tenant_id = ${tenantId}::uuid and k.id = ${id}::uuid`);
  if (rows.length === 0) throw problems.notFound('园区');
  return toPark(rows[0]!);
}

export interface ParkInput {
  name?: string | undefined;
  address?: string | null | undefined;
  operator?: string | null | undefined;
  plannedArea?: string | undefined;
  builtArea?: string | undefined;
  occupiedArea?: string | undefined;
  investment?: string | undefined;
  stage?: Park['stage'] | undefined;
  enterprisesSettled?: number | undefined;
}

function checkAreas(p: { plannedArea: string; builtArea: string; occupiedArea: string }) {
  if (Number(p.occupiedArea) > Number(p.builtArea)) throw fieldProblem('json.occupiedArea', '已入驻面积不能大于已建成面积');
}

const UNIQUE = { parks_name_key: { field: 'json.name', message: '本单位已有同名园区' } };

export async function createPark(tx: Tx, tenantId: string, input: Required<Pick<ParkInput, 'name' | 'plannedArea' | 'stage'>> & ParkInput) {
  const values = { builtArea: input.builtArea ?? '0.00', occupiedArea: input.occupiedArea ?? '0.00', plannedArea: input.plannedArea };
  checkAreas(values);
  const [row] = await uniqueFields(
    () =>
      tx
        .insert(K)
        .values({
          tenantId,
          id: uuidv7(),
          name: input.name,
          address: input.address ?? null,
          operator: input.operator ?? null,
          ...values,
          investment: input.investment ?? '0.00',
          stage: input.stage,
          enterprisesSettled: input.enterprisesSettled ?? 0,
        })
        .returning(),
    UNIQUE,
  );
  return row!;
}

export async function lockPark(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx.select().from(K).where(and(eq(K.tenantId, tenantId), eq(K.id, id))).for('update');
  if (!row) throw problems.notFound('园区');
  return row;
}

export async function updatePark(tx: Tx, before: typeof K.$inferSelect, expected: number, input: ParkInput) {
  if (before.version !== expected) throw staleVersion(before.version);
  checkAreas({ plannedArea: input.plannedArea ?? before.plannedArea, builtArea: input.builtArea ?? before.builtArea, occupiedArea: input.occupiedArea ?? before.occupiedArea });
  const [row] = await uniqueFields(
    () =>
      tx
        .update(K)
        .set({ ...input, version: before.version + 1, updatedAt: new Date() })
        .where(and(eq(K.tenantId, before.tenantId), eq(K.id, before.id)))
        .returning(),
    UNIQUE,
  );
  return row!;
}
