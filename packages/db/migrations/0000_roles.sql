-- One NOLOGIN role per service. A request's transaction does SET LOCAL ROLE to its service's role, so row-level
-- security applies even when the connection itself logs in as an owner (PGlite is a superuser). In production
-- each service logs in as its own role that is a member of these (infra/deploy creates them).
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['ys_identity', 'ys_projects', 'ys_enterprise', 'ys_assessments'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE', r);
    END IF;
  END LOOP;
END $$;
