-- FORCE makes row-level security apply to the table owner too; drizzle has no forceRLS(), hence this file.
ALTER TABLE "audit"."operation_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."tenants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."departments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."roles" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."refresh_tokens" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."sign_in_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- Each service role uses its own schema; the audit sink takes inserts from all and is read by identity alone.
GRANT USAGE ON SCHEMA "identity" TO ys_identity, ys_projects, ys_enterprise, ys_assessments;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "identity" TO ys_identity;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "identity" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ys_identity;--> statement-breakpoint
GRANT SELECT ON "identity"."calendar_days" TO ys_projects, ys_enterprise, ys_assessments;--> statement-breakpoint
GRANT USAGE ON SCHEMA "projects" TO ys_projects;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "projects" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ys_projects;--> statement-breakpoint
GRANT USAGE ON SCHEMA "enterprise" TO ys_enterprise;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "enterprise" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ys_enterprise;--> statement-breakpoint
GRANT USAGE ON SCHEMA "assessments" TO ys_assessments;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "assessments" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ys_assessments;--> statement-breakpoint
GRANT USAGE ON SCHEMA "audit" TO ys_identity, ys_projects, ys_enterprise, ys_assessments;--> statement-breakpoint
GRANT INSERT ON "audit"."operation_log" TO ys_identity, ys_projects, ys_enterprise, ys_assessments;--> statement-breakpoint
GRANT SELECT ON "audit"."operation_log" TO ys_identity;--> statement-breakpoint

-- The sign-in page and the gateway must find a tenant by its host before anyone is signed in. This exposes the
-- public columns of one tenant and nothing else; it runs as the migration owner, which may read past RLS.
CREATE FUNCTION "identity"."public_tenant_by_slug"(p_slug text)
RETURNS TABLE (id uuid, city_id uuid, slug text, name text, short_name text, kind "identity"."tenant_kind",
               status "identity"."tenant_status", primary_color text, logo text, modules text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT t.id, t.city_id, t.slug, t.name, t.short_name, t.kind, t.status, t.primary_color, t.logo, t.modules
  FROM "identity"."tenants" t WHERE t.slug = p_slug
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "identity"."public_tenant_by_slug"(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "identity"."public_tenant_by_slug"(text) TO ys_identity;
--> statement-breakpoint
-- The portal on the bare host lists the active tenants, with the same public columns.
CREATE FUNCTION "identity"."public_tenants"()
RETURNS TABLE (id uuid, city_id uuid, slug text, name text, short_name text, kind "identity"."tenant_kind",
               status "identity"."tenant_status", primary_color text, logo text, modules text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT t.id, t.city_id, t.slug, t.name, t.short_name, t.kind, t.status, t.primary_color, t.logo, t.modules
  FROM "identity"."tenants" t WHERE t.status = 'active' ORDER BY t.sort_order, t.slug
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "identity"."public_tenants"() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "identity"."public_tenants"() TO ys_identity;
