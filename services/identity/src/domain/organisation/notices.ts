import type {
  CreateNoticeRequest,
  ReceivedNotice,
  SentNotice,
  UpdateNoticeRequest,
} from '@yingshang/contracts/organisation';
import { type Tx, schema, uuidv7 } from '@yingshang/db';
import { problems, staleVersion } from '@yingshang/service-kit';
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, ne, notExists } from 'drizzle-orm';
import { type Page, decodeCursor, toPage } from './pagination.ts';
import { fieldProblem, refused } from './problems.ts';
import type { CallerTenant } from './tenant.ts';

const n = schema.notices;
const nd = schema.noticeDeliveries;
const nr = schema.noticeReads;
const t = schema.tenants;
type NoticeRow = typeof n.$inferSelect;

export interface Publisher {
  userId: string;
  displayName: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The city office's side: write, publish, list what it sent

/** The city's tenants by id; the city itself is among them (its `city_id` is its own id). */
async function cityTenants(tx: Tx, city: CallerTenant): Promise<Map<string, string>> {
  const rows = await tx.select({ id: t.id, name: t.name }).from(t).where(eq(t.cityId, city.id)).orderBy(t.sortOrder, t.name);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Chosen recipients must be this city's districts: an id from elsewhere is refused by its position in the list. */
async function assertDistricts(tx: Tx, city: CallerTenant, ids: readonly string[]): Promise<void> {
  const rows = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.cityId, city.id), ne(t.id, city.id), inArray(t.id, [...ids])));
  const known = new Set(rows.map((row) => row.id));
  const index = ids.findIndex((id) => !known.has(id));
  if (index >= 0) throw fieldProblem(`json.tenantIds.${index}`, '不是本市的下属单位');
}

function toSentView(row: NoticeRow, targets: SentNotice['targets']): SentNotice {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    level: row.level,
    audience: row.targetTenantIds.length === 0 ? 'all' : 'tenants',
    targets,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdByName: row.createdByName,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Who a notice goes to. A published notice answers with the copies actually delivered (a district registered
 * later did not get it); a draft with whom it would reach today.
 */
async function targetsOf(tx: Tx, city: CallerTenant, rows: NoticeRow[]): Promise<Map<string, SentNotice['targets']>> {
  const names = await cityTenants(tx, city);
  const published = rows.filter((row) => row.publishedAt).map((row) => row.id);
  const delivered = new Map<string, string[]>();
  if (published.length > 0) {
    const copies = await tx
      .select({ noticeId: nd.noticeId, tenantId: nd.tenantId })
      .from(nd)
      .where(and(eq(nd.cityId, city.id), inArray(nd.noticeId, published)));
    for (const copy of copies) delivered.set(copy.noticeId, [...(delivered.get(copy.noticeId) ?? []), copy.tenantId]);
  }
  const order = [...names.keys()];
  const out = new Map<string, SentNotice['targets']>();
  for (const row of rows) {
    const ids = row.publishedAt
      ? (delivered.get(row.id) ?? [])
      : row.targetTenantIds.length > 0
        ? row.targetTenantIds
        : order;
    const sorted = [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    out.set(row.id, sorted.map((tenantId) => ({ tenantId, tenantName: names.get(tenantId) ?? '' })));
  }
  return out;
}

async function sentView(tx: Tx, city: CallerTenant, row: NoticeRow): Promise<SentNotice> {
  return toSentView(row, (await targetsOf(tx, city, [row])).get(row.id) ?? []);
}

/** One copy per receiving tenant, written in the district's own rows so that it reads them like any other data. */
async function deliver(tx: Tx, city: CallerTenant, row: NoticeRow, publishedAt: Date, publisherName: string): Promise<number> {
  const recipients = row.targetTenantIds.length > 0 ? row.targetTenantIds : [...(await cityTenants(tx, city)).keys()];
  await tx.insert(nd).values(
    recipients.map((tenantId) => ({
      tenantId,
      id: uuidv7(),
      noticeId: row.id,
      cityId: city.id,
      title: row.title,
      body: row.body,
      level: row.level,
      publishedAt,
      publisherName,
    })),
  );
  return recipients.length;
}

export async function createNotice(
  tx: Tx,
  city: CallerTenant,
  publisher: Publisher,
  input: CreateNoticeRequest,
): Promise<{ notice: SentNotice; delivered: number }> {
  const targets = input.audience === 'tenants' ? (input.tenantIds ?? []) : [];
  if (targets.length > 0) await assertDistricts(tx, city, targets);
  const publish = input.publish ?? true;
  const now = new Date();
  const [row] = await tx
    .insert(n)
    .values({
      tenantId: city.id,
      id: uuidv7(),
      title: input.title,
      body: input.body,
      level: input.level ?? 'normal',
      targetTenantIds: targets,
      publishedAt: publish ? now : null,
      createdBy: publisher.userId,
      createdByName: publisher.displayName,
    })
    .returning();
  const delivered = publish ? await deliver(tx, city, row!, now, `${city.name} ${publisher.displayName}`) : 0;
  return { notice: await sentView(tx, city, row!), delivered };
}

async function findSent(tx: Tx, city: CallerTenant, id: string, lock = false): Promise<NoticeRow> {
  const query = tx.select().from(n).where(and(eq(n.tenantId, city.id), eq(n.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw problems.notFound('通知');
  return row;
}

const alreadyPublished = () =>
  refused('notice-published', '通知已发布', '已发布的通知不能再修改或重复发布；如需更正请另发一则通知');

export async function updateDraft(
  tx: Tx,
  city: CallerTenant,
  id: string,
  expectedVersion: number,
  input: UpdateNoticeRequest,
): Promise<{ before: SentNotice; after: SentNotice }> {
  const current = await findSent(tx, city, id, true);
  if (current.version !== expectedVersion) throw staleVersion(current.version);
  if (current.publishedAt) throw alreadyPublished();
  let targets: string[] | undefined;
  if (input.audience === 'all') targets = [];
  else if (input.audience === 'tenants' || input.tenantIds) {
    targets = input.tenantIds ?? current.targetTenantIds;
    // Switching to chosen recipients without naming any would silently mean "everyone".
    if (targets.length === 0) throw fieldProblem('json.tenantIds', '请选择接收单位');
    await assertDistricts(tx, city, targets);
  }
  const [row] = await tx
    .update(n)
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(targets !== undefined ? { targetTenantIds: targets } : {}),
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(n.tenantId, city.id), eq(n.id, id), eq(n.version, expectedVersion)))
    .returning();
  return { before: await sentView(tx, city, current), after: await sentView(tx, city, row!) };
}

export async function publishDraft(
  tx: Tx,
  city: CallerTenant,
  publisher: Publisher,
  id: string,
  expectedVersion: number,
): Promise<{ notice: SentNotice; delivered: number }> {
  const current = await findSent(tx, city, id, true);
  if (current.version !== expectedVersion) throw staleVersion(current.version);
  if (current.publishedAt) throw alreadyPublished();
  // The districts chosen when the draft was written must still be this city's.
  if (current.targetTenantIds.length > 0) await assertDistricts(tx, city, current.targetTenantIds);
  const now = new Date();
  const [row] = await tx
    .update(n)
    .set({ publishedAt: now, version: current.version + 1, updatedAt: now })
    .where(and(eq(n.tenantId, city.id), eq(n.id, id)))
    .returning();
  const delivered = await deliver(tx, city, row!, now, `${city.name} ${publisher.displayName}`);
  return { notice: await sentView(tx, city, row!), delivered };
}

export async function getSent(tx: Tx, city: CallerTenant, id: string): Promise<SentNotice> {
  return sentView(tx, city, await findSent(tx, city, id));
}

export async function listSent(
  tx: Tx,
  city: CallerTenant,
  query: { limit: number; cursor?: string | undefined; state?: 'draft' | 'published' | undefined },
): Promise<Page<SentNotice>> {
  const after = decodeCursor(query.cursor);
  const rows = await tx
    .select()
    .from(n)
    .where(
      and(
        eq(n.tenantId, city.id),
        query.state === 'draft' ? isNull(n.publishedAt) : undefined,
        query.state === 'published' ? isNotNull(n.publishedAt) : undefined,
        after ? lt(n.id, after) : undefined,
      ),
    )
    .orderBy(desc(n.id))
    .limit(query.limit + 1);
  const targets = await targetsOf(tx, city, rows);
  return toPage(
    rows.map((row) => toSentView(row, targets.get(row.id) ?? [])),
    query.limit,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Every tenant's side: its copies, read or not by the current user

interface Reader {
  tenantId: string;
  userId: string;
}

const readBy = (reader: Reader) =>
  and(eq(nr.tenantId, nd.tenantId), eq(nr.deliveryId, nd.id), eq(nr.userId, reader.userId));

const receivedColumns = {
  id: nd.id,
  noticeId: nd.noticeId,
  title: nd.title,
  body: nd.body,
  level: nd.level,
  publishedAt: nd.publishedAt,
  publisherName: nd.publisherName,
  readAt: nr.readAt,
};

function toReceived(row: {
  id: string;
  noticeId: string;
  title: string;
  body: string;
  level: ReceivedNotice['level'];
  publishedAt: Date;
  publisherName: string | null;
  readAt: Date | null;
}): ReceivedNotice {
  return {
    id: row.id,
    noticeId: row.noticeId,
    title: row.title,
    body: row.body,
    level: row.level,
    publishedAt: row.publishedAt.toISOString(),
    publisherName: row.publisherName,
    read: row.readAt !== null,
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export async function listReceived(
  tx: Tx,
  reader: Reader,
  query: { limit: number; cursor?: string | undefined; unread?: 'true' | 'false' | undefined; level?: ReceivedNotice['level'] | undefined },
): Promise<Page<Omit<ReceivedNotice, 'body'>>> {
  const after = decodeCursor(query.cursor);
  const rows = await tx
    .select(receivedColumns)
    .from(nd)
    .leftJoin(nr, readBy(reader))
    .where(
      and(
        eq(nd.tenantId, reader.tenantId),
        query.unread === 'true' ? isNull(nr.readAt) : undefined,
        query.unread === 'false' ? isNotNull(nr.readAt) : undefined,
        query.level ? eq(nd.level, query.level) : undefined,
        after ? lt(nd.id, after) : undefined,
      ),
    )
    .orderBy(desc(nd.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((row) => {
      const { body: _body, ...summary } = toReceived(row);
      return summary;
    }),
    query.limit,
  );
}

/** Opening a notice is what marks it read for this user. */
export async function openReceived(tx: Tx, reader: Reader, id: string): Promise<ReceivedNotice> {
  const [copy] = await tx
    .select({ id: nd.id })
    .from(nd)
    .where(and(eq(nd.tenantId, reader.tenantId), eq(nd.id, id)));
  if (!copy) throw problems.notFound('通知');
  await tx.insert(nr).values({ tenantId: reader.tenantId, deliveryId: id, userId: reader.userId }).onConflictDoNothing();
  const [row] = await tx
    .select(receivedColumns)
    .from(nd)
    .leftJoin(nr, readBy(reader))
    .where(and(eq(nd.tenantId, reader.tenantId), eq(nd.id, id)));
  return toReceived(row!);
}

export async function unreadCount(tx: Tx, reader: Reader): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(nd)
    .where(
      and(
        eq(nd.tenantId, reader.tenantId),
        notExists(tx.select({ one: nr.userId }).from(nr).where(readBy(reader))),
      ),
    );
  return row?.n ?? 0;
}
