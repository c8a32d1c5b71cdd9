ALTER TABLE "identity"."invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."notices" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."notice_deliveries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."notice_reads" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."idempotency_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "identity"."invitations", "identity"."notices", "identity"."notice_deliveries",
  "identity"."notice_reads", "identity"."dictionary_items", "identity"."idempotency_keys" TO ys_identity;--> statement-breakpoint
GRANT SELECT ON "identity"."dictionary_items" TO ys_projects, ys_enterprise, ys_assessments;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "identity"."city_sees"(uuid) TO ys_identity;--> statement-breakpoint

-- The city office reads every district's operation and sign-in logs (its all-tenant audit view); nobody writes
-- another tenant's log.
CREATE POLICY "operation_log_city_read" ON "audit"."operation_log" AS PERMISSIVE FOR SELECT TO ys_identity
  USING (identity.city_sees(tenant_id));--> statement-breakpoint
CREATE POLICY "sign_in_log_city_read" ON "identity"."sign_in_log" AS PERMISSIVE FOR SELECT TO ys_identity
  USING (identity.city_sees(tenant_id));
--> statement-breakpoint
-- The portal groups tenants the way rankings do, so the directory also gives the ranking group.
DROP FUNCTION "identity"."public_tenants"();--> statement-breakpoint
CREATE FUNCTION "identity"."public_tenants"()
RETURNS TABLE (id uuid, city_id uuid, slug text, name text, short_name text, kind "identity"."tenant_kind",
               status "identity"."tenant_status", primary_color text, logo text, modules text[], ranking_group text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT t.id, t.city_id, t.slug, t.name, t.short_name, t.kind, t.status, t.primary_color, t.logo, t.modules, t.ranking_group
  FROM "identity"."tenants" t WHERE t.status = 'active' AND t.slug IS NOT NULL ORDER BY t.sort_order, t.slug
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "identity"."public_tenants"() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "identity"."public_tenants"() TO ys_identity;
