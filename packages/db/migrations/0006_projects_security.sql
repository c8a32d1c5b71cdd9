-- FORCE makes row-level security apply to the table owner too; drizzle has no forceRLS(), hence this file.
ALTER TABLE "projects"."projects" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects"."annual_plans" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects"."stage_history" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects"."investment_reports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects"."blockers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects"."blocker_notes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects"."idempotency_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- The default privileges of 0002 already cover these; explicit grants keep working if those are ever changed.
GRANT USAGE ON SCHEMA "projects" TO ys_projects;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "projects"."projects", "projects"."annual_plans", "projects"."stage_history",
  "projects"."investment_reports", "projects"."blockers", "projects"."blocker_notes", "projects"."idempotency_keys"
  TO ys_projects;--> statement-breakpoint

-- Identity publishes the current tenant's department tree to the other services (data scopes). The view runs with
-- its owner's rights, so the services need no access to identity's tables; its own WHERE on app.tenant_id is the
-- wall (the owner may read past RLS), and security_barrier keeps a caller's predicates from running before it.
-- `path` holds the ancestors' ids from the root down to the department itself; a cycle ends the walk.
CREATE VIEW "identity"."department_tree_v" WITH (security_barrier = true) AS
WITH RECURSIVE tree AS (
  SELECT d.tenant_id, d.id, d.parent_id, d.code, d.name, d.sort_order, ARRAY[d.id] AS path
  FROM "identity"."departments" d
  WHERE d.parent_id IS NULL AND d.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
  UNION ALL
  SELECT d.tenant_id, d.id, d.parent_id, d.code, d.name, d.sort_order, t.path || d.id
  FROM "identity"."departments" d
  JOIN tree t ON d.tenant_id = t.tenant_id AND d.parent_id = t.id
  WHERE d.id <> ALL (t.path)
)
SELECT tenant_id, id, parent_id, code, name, sort_order, path FROM tree;--> statement-breakpoint
REVOKE ALL ON "identity"."department_tree_v" FROM PUBLIC;--> statement-breakpoint
GRANT SELECT ON "identity"."department_tree_v" TO ys_identity, ys_projects;--> statement-breakpoint

-- Ahead / on track / behind against 序时进度 (months elapsed ÷ 12), with a band of 5 percentage points either side.
-- Cross-multiplied so that no division rounds: behind ⇔ ytd/plan·100 < month/12·100 − 5 ⇔ 1200·ytd < plan·(100·month − 60).
-- The service's pure function `scheduleStatus` is the same rule; a test holds the two together.
CREATE FUNCTION "projects"."schedule_status"(p_ytd numeric, p_plan numeric, p_month integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN p_plan IS NULL OR p_plan <= 0 THEN 'no_plan'
    WHEN 1200 * coalesce(p_ytd, 0) < p_plan * (100 * p_month - 60) THEN 'behind'
    WHEN 1200 * coalesce(p_ytd, 0) > p_plan * (100 * p_month + 60) THEN 'ahead'
    ELSE 'on_track'
  END
$$;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "projects"."schedule_status"(numeric, numeric, integer) TO ys_projects, ys_assessments;--> statement-breakpoint

-- The read contract for assessments (documented in services/projects/README.md): per tenant and month, from the
-- tenant's first reported month to the current month (Asia/Shanghai). Assessments never reads the tables.
--
-- Who sees which rows: the view runs with its owner's rights (so ys_assessments needs no grant on any table), and
-- its first CTE is the wall — the current tenant itself, or, when the current tenant is a city, each of the city's
-- districts (the rule of identity.city_sees, evaluated here with the owner's rights). No tenant set → no rows.
CREATE VIEW "projects"."tenant_month_figures_v" WITH (security_barrier = true) AS
WITH visible AS (
  SELECT t.id AS tenant_id
  FROM "identity"."tenants" t
  WHERE t.id = nullif(current_setting('app.tenant_id', true), '')::uuid
     OR (t.city_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND t.id <> t.city_id)
),
months AS (
  SELECT v.tenant_id, m::date AS month
  FROM visible v
  CROSS JOIN LATERAL (
    SELECT min(r.month) AS first FROM "projects"."investment_reports" r WHERE r.tenant_id = v.tenant_id
  ) f
  CROSS JOIN LATERAL generate_series(
    least(coalesce(f.first, date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date),
          date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date),
    date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date,
    interval '1 month'
  ) m
),
per_project AS (
  SELECT m.tenant_id, m.month, p.id AS project_id, p.planned_start_date, p.actual_start_date,
         p.planned_production_date, p.actual_production_date,
         (m.month + interval '1 month - 1 day')::date AS month_end,
         (SELECT h.to_stage FROM "projects"."stage_history" h
           WHERE h.tenant_id = p.tenant_id AND h.project_id = p.id
             AND h.moved_on <= (m.month + interval '1 month - 1 day')::date
           ORDER BY h.moved_on DESC, h.to_stage DESC LIMIT 1) AS stage_at_end,
         (SELECT coalesce(sum(r.completed_investment), 0) FROM "projects"."investment_reports" r
           WHERE r.tenant_id = p.tenant_id AND r.project_id = p.id
             AND r.month >= date_trunc('year', m.month)::date AND r.month <= m.month) AS ytd,
         (SELECT ap.planned_investment FROM "projects"."annual_plans" ap
           WHERE ap.tenant_id = p.tenant_id AND ap.project_id = p.id
             AND ap.year = extract(year FROM m.month)::int) AS annual_plan,
         r.planned_investment AS month_planned, r.completed_investment AS month_completed,
         (r.id IS NOT NULL) AS reported
  FROM months m
  JOIN "projects"."projects" p ON p.tenant_id = m.tenant_id
  LEFT JOIN "projects"."investment_reports" r
    ON r.tenant_id = p.tenant_id AND r.project_id = p.id AND r.month = m.month
)
SELECT m.tenant_id,
       m.month,
       extract(year FROM m.month)::int AS year,
       extract(month FROM m.month)::int AS month_number,
       round(extract(month FROM m.month) / 12.0, 4) AS time_benchmark,
       coalesce(sum(pp.month_planned), 0)::numeric(16,2) AS planned_investment,
       coalesce(sum(pp.month_completed), 0)::numeric(16,2) AS completed_investment,
       coalesce(sum(pp.ytd), 0)::numeric(16,2) AS ytd_completed_investment,
       coalesce(sum(pp.annual_plan), 0)::numeric(16,2) AS annual_planned_investment,
       CASE WHEN coalesce(sum(pp.annual_plan), 0) > 0
            THEN round(coalesce(sum(pp.ytd), 0) / sum(pp.annual_plan), 4) END AS completion_rate,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end IS NOT NULL)::int AS projects_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end = 'planning')::int AS planning_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end = 'negotiating')::int AS negotiating_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end = 'signed')::int AS signed_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end = 'started')::int AS started_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end = 'constructing')::int AS constructing_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end = 'producing')::int AS producing_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end = 'at_capacity')::int AS at_capacity_count,
       count(pp.project_id) FILTER (WHERE extract(year FROM pp.planned_start_date) = extract(year FROM m.month))::int
         AS planned_to_start_count,
       count(pp.project_id) FILTER (WHERE extract(year FROM pp.planned_start_date) = extract(year FROM m.month)
                                      AND pp.actual_start_date <= pp.month_end)::int AS started_of_planned_count,
       count(pp.project_id) FILTER (WHERE extract(year FROM pp.planned_production_date) = extract(year FROM m.month))::int
         AS planned_to_produce_count,
       count(pp.project_id) FILTER (WHERE extract(year FROM pp.planned_production_date) = extract(year FROM m.month)
                                      AND pp.actual_production_date <= pp.month_end)::int AS produced_of_planned_count,
       count(pp.project_id) FILTER (WHERE pp.stage_at_end >= 'producing')::int AS in_production_count,
       count(pp.project_id) FILTER (WHERE pp.reported)::int AS reported_count,
       count(pp.project_id) FILTER (
         WHERE "projects"."schedule_status"(pp.ytd, pp.annual_plan, extract(month FROM m.month)::int) = 'behind'
       )::int AS behind_schedule_count
FROM months m
LEFT JOIN per_project pp ON pp.tenant_id = m.tenant_id AND pp.month = m.month
GROUP BY m.tenant_id, m.month;--> statement-breakpoint
REVOKE ALL ON "projects"."tenant_month_figures_v" FROM PUBLIC, ys_projects;--> statement-breakpoint
GRANT USAGE ON SCHEMA "projects" TO ys_assessments;--> statement-breakpoint
GRANT SELECT ON "projects"."tenant_month_figures_v" TO ys_assessments;
