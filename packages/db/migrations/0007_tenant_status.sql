-- Every service checks, inside the request's own transaction, that its tenant is open: a token issued before
-- the city office suspended a district must stop working at once, not when it expires.
CREATE FUNCTION "identity"."tenant_status"(p_tenant uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$ SELECT t.status::text FROM "identity"."tenants" t WHERE t.id = p_tenant $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "identity"."tenant_status"(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "identity"."tenant_status"(uuid) TO ys_identity, ys_projects, ys_enterprise, ys_assessments;--> statement-breakpoint
-- The city office counts how many people in each district have read its notices.
CREATE POLICY "notice_reads_city_read" ON "identity"."notice_reads" AS PERMISSIVE FOR SELECT TO ys_identity
  USING (identity.city_sees(tenant_id));
