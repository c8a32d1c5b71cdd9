-- FORCE makes row-level security apply to the table owner too; drizzle has no forceRLS(), hence this file.
ALTER TABLE "assessments"."indicators" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."periods" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."weight_sets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."targets" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."indicator_values" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."supervision_tasks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."supervision_reports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."tours" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."tour_sites" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."tour_scores" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."rankings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."idempotency_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- The default privileges of 0002 already cover these; explicit grants keep working if those are ever changed.
GRANT USAGE ON SCHEMA "assessments" TO ys_assessments;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "assessments"."indicators", "assessments"."periods", "assessments"."weight_sets",
  "assessments"."targets", "assessments"."indicator_values", "assessments"."supervision_tasks",
  "assessments"."supervision_reports", "assessments"."tours", "assessments"."tour_sites", "assessments"."tour_scores",
  "assessments"."rankings", "assessments"."idempotency_keys" TO ys_assessments;--> statement-breakpoint

-- The tenants of the current tenant's city as assessments needs them: names and ranking groups (public facts, the
-- portal lists them too) to show a published ranking, and which one is the caller. Runs with its owner's rights so
-- the service needs no access to identity's tables; its WHERE on app.tenant_id is the wall (no tenant → no rows),
-- and security_barrier keeps a caller's predicates from running before it. The city itself is not assessed.
CREATE VIEW "assessments"."city_tenants_v" WITH (security_barrier = true) AS
SELECT t.id, t.city_id, t.kind::text AS kind, t.name, t.short_name, t.slug, t.ranking_group, t.division_code,
       t.sort_order, t.status::text AS status,
       (t.id = nullif(current_setting('app.tenant_id', true), '')::uuid) AS is_current
FROM "identity"."tenants" t
WHERE t.city_id = (SELECT c.city_id FROM "identity"."tenants" c
                   WHERE c.id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
REVOKE ALL ON "assessments"."city_tenants_v" FROM PUBLIC;--> statement-breakpoint
GRANT SELECT ON "assessments"."city_tenants_v" TO ys_assessments;--> statement-breakpoint

-- A published ranking is the 通报 people printed: the service refuses changes (409), and so does the database.
CREATE FUNCTION "assessments"."rankings_frozen"() RETURNS trigger
LANGUAGE plpgsql SET search_path = ''
AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'ranking % is published and frozen', OLD.id USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "rankings_frozen" BEFORE UPDATE OR DELETE ON "assessments"."rankings"
  FOR EACH ROW EXECUTE FUNCTION "assessments"."rankings_frozen"();
--> statement-breakpoint

-- The nightly snapshot runs without a signed-in user: it needs the active cities to open each one's transaction
-- (as that city, so RLS still applies to everything it then reads and writes). Ids only.
CREATE FUNCTION "assessments"."active_cities"() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$ SELECT t.id FROM "identity"."tenants" t WHERE t.kind = 'city' AND t.status = 'active' ORDER BY t.id $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "assessments"."active_cities"() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "assessments"."active_cities"() TO ys_assessments;
