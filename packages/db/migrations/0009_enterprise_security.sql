-- FORCE makes row-level security apply to the table owner too; drizzle has no forceRLS(), hence this file.
ALTER TABLE "enterprise"."enterprises" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."enterprise_users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."pairings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."visits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."time_limit_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."appeals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."appeal_extensions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."appeal_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."uscc_allowlist" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."policies" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."policy_matches" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."parks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."idempotency_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- The default privileges of 0002 already cover these; explicit grants keep working if those are ever changed.
GRANT USAGE ON SCHEMA "enterprise" TO ys_enterprise;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "enterprise"."enterprises", "enterprise"."enterprise_users",
  "enterprise"."pairings", "enterprise"."visits", "enterprise"."time_limit_settings", "enterprise"."appeals",
  "enterprise"."appeal_extensions", "enterprise"."uscc_allowlist", "enterprise"."policies",
  "enterprise"."policy_matches", "enterprise"."parks", "enterprise"."idempotency_keys"
  TO ys_enterprise;--> statement-breakpoint
-- The timeline is append-only: what happened to an appeal is never rewritten, not even by the service itself.
GRANT SELECT, INSERT ON "enterprise"."appeal_events" TO ys_enterprise;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "enterprise"."appeal_events" FROM ys_enterprise;--> statement-breakpoint

-- The read contract for assessments (documented in services/enterprise/README.md): per tenant and month, from the
-- tenant's first enterprise, appeal or visit to the current month (Asia/Shanghai). Assessments never reads tables.
--
-- Who sees which rows: the view runs with its owner's rights (ys_assessments needs no grant on any table), and its
-- first CTE is the wall — the current tenant itself, or, when the current tenant is a city, each of the city's
-- districts (the rule of identity.city_sees, evaluated here with the owner's rights). No tenant set → no rows.
CREATE VIEW "enterprise"."tenant_month_figures_v" WITH (security_barrier = true) AS
WITH visible AS (
  SELECT t.id AS tenant_id
  FROM "identity"."tenants" t
  WHERE t.id = nullif(current_setting('app.tenant_id', true), '')::uuid
     OR (t.city_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND t.id <> t.city_id)
),
today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d),
months AS (
  SELECT v.tenant_id, m::date AS month, (m + interval '1 month - 1 day')::date AS month_end
  FROM visible v
  CROSS JOIN today
  CROSS JOIN LATERAL (
    SELECT least(
      (SELECT min(e.registered_on) FROM "enterprise"."enterprises" e WHERE e.tenant_id = v.tenant_id),
      (SELECT min(a.registered_on) FROM "enterprise"."appeals" a WHERE a.tenant_id = v.tenant_id),
      (SELECT min(x.visited_on) FROM "enterprise"."visits" x WHERE x.tenant_id = v.tenant_id)
    ) AS first
  ) f
  CROSS JOIN LATERAL generate_series(
    date_trunc('month', least(coalesce(f.first, today.d), today.d))::date,
    date_trunc('month', today.d)::date,
    interval '1 month'
  ) m
)
SELECT m.tenant_id,
       m.month,
       (SELECT count(*) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.registered_on BETWEEN m.month AND m.month_end)::int AS appeals_received,
       (SELECT count(*) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.closed_on BETWEEN m.month AND m.month_end)::int AS appeals_closed,
       (SELECT count(*) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.closed_on BETWEEN m.month AND m.month_end
           AND a.closed_on_time)::int AS appeals_closed_on_time,
       (SELECT count(*) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.closed_on BETWEEN m.month AND m.month_end AND a.solved)::int
         AS appeals_resolved,
       (SELECT count(*) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.rated_on BETWEEN m.month AND m.month_end)::int AS appeals_rated,
       (SELECT count(*) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.rated_on BETWEEN m.month AND m.month_end
           AND a.rating IN ('very_satisfied', 'satisfied', 'basically_satisfied'))::int AS appeals_satisfied,
       (SELECT count(*) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.closed_on BETWEEN m.month AND m.month_end
           AND a.followed_up_on IS NOT NULL)::int AS appeals_followed_up,
       (SELECT count(*) FROM "enterprise"."appeals" a, today
         WHERE a.tenant_id = m.tenant_id
           AND ((a.registered_on <= m.month_end AND (a.closed_on IS NULL OR a.closed_on > m.month_end)
                 AND a.deadline < least(m.month_end, today.d))
             OR (a.closed_on BETWEEN m.month AND m.month_end AND NOT a.closed_on_time)))::int AS appeals_overdue,
       (SELECT coalesce(sum(a.close_workdays), 0) FROM "enterprise"."appeals" a
         WHERE a.tenant_id = m.tenant_id AND a.closed_on BETWEEN m.month AND m.month_end)::int AS close_workdays_sum,
       (SELECT count(*) FROM "enterprise"."enterprises" e
         WHERE e.tenant_id = m.tenant_id AND e.registered_on <= m.month_end)::int AS enterprises,
       (SELECT count(*) FROM "enterprise"."visits" x
         WHERE x.tenant_id = m.tenant_id AND x.visited_on BETWEEN m.month AND m.month_end)::int AS visits,
       (SELECT count(*) FROM "enterprise"."policy_matches" pm
         WHERE pm.tenant_id = m.tenant_id AND pm.matched_on BETWEEN m.month AND m.month_end)::int AS benefits_matched,
       (SELECT count(*) FROM "enterprise"."policy_matches" pm
         WHERE pm.tenant_id = m.tenant_id AND pm.paid_on BETWEEN m.month AND m.month_end)::int AS benefits_paid
FROM months m;--> statement-breakpoint
REVOKE ALL ON "enterprise"."tenant_month_figures_v" FROM PUBLIC, ys_enterprise;--> statement-breakpoint
GRANT USAGE ON SCHEMA "enterprise" TO ys_assessments;--> statement-breakpoint
GRANT SELECT ON "enterprise"."tenant_month_figures_v" TO ys_assessments;
--> statement-breakpoint
-- The overdue supervisor (Cron Trigger) runs without a request and so without a tenant: it lists the active
-- tenants through this, then works inside each one's own transaction. Ids only, nothing else about them.
CREATE FUNCTION "enterprise"."active_tenant_ids"() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$ SELECT t.id FROM "identity"."tenants" t WHERE t.status = 'active' ORDER BY t.id $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "enterprise"."active_tenant_ids"() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "enterprise"."active_tenant_ids"() TO ys_enterprise;
--> statement-breakpoint
-- Policy criteria may name the division (所在区县): the current tenant's statistical division code.
CREATE FUNCTION "enterprise"."current_division"() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT t.division_code FROM "identity"."tenants" t
  WHERE t.id = nullif(current_setting('app.tenant_id', true), '')::uuid
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "enterprise"."current_division"() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "enterprise"."current_division"() TO ys_enterprise;
--> statement-breakpoint
-- Appeals are assigned to the tenant's departments: the service reads identity's published department tree.
GRANT SELECT ON "identity"."department_tree_v" TO ys_enterprise;
