-- The policies below call these two, so they come first. Security definer with an empty search_path: the service
-- role may not read identity.tenants itself. `current_city` is the city of the current tenant (a city is its own
-- city); `city_sees` is identity.city_sees (the current tenant is the city this district belongs to) evaluated
-- with the owner's rights.
CREATE FUNCTION "assessments"."current_city"() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT t.city_id FROM "identity"."tenants" t
  WHERE t.id = nullif(current_setting('app.tenant_id', true), '')::uuid
$$;--> statement-breakpoint
CREATE FUNCTION "assessments"."city_sees"(p_tenant uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$ SELECT "identity"."city_sees"(p_tenant) $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "assessments"."current_city"() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION "assessments"."city_sees"(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "assessments"."current_city"() TO ys_assessments;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "assessments"."city_sees"(uuid) TO ys_assessments;--> statement-breakpoint
CREATE TYPE "assessments"."indicator_dimension" AS ENUM('projects', 'enterprise', 'environment', 'observation', 'supervision');--> statement-breakpoint
CREATE TYPE "assessments"."indicator_direction" AS ENUM('higher', 'lower');--> statement-breakpoint
CREATE TYPE "assessments"."indicator_source" AS ENUM('computed', 'manual', 'tour', 'supervision');--> statement-breakpoint
CREATE TYPE "assessments"."missing_policy" AS ENUM('zero', 'exclude');--> statement-breakpoint
CREATE TYPE "assessments"."normalisation" AS ENUM('share_of_best', 'min_max', 'points');--> statement-breakpoint
CREATE TYPE "assessments"."period_kind" AS ENUM('month', 'quarter', 'half', 'year');--> statement-breakpoint
CREATE TYPE "assessments"."period_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "assessments"."ranking_status" AS ENUM('draft', 'reviewed', 'published');--> statement-breakpoint
CREATE TYPE "assessments"."supervision_category" AS ENUM('resettlement_signing', 'resettlement_building', 'real_estate_resumption', 'urban_renewal', 'other');--> statement-breakpoint
CREATE TYPE "assessments"."supervision_task_status" AS ENUM('assigned', 'in_progress', 'done');--> statement-breakpoint
CREATE TYPE "assessments"."tour_aggregation" AS ENUM('trimmed_mean', 'mean');--> statement-breakpoint
CREATE TYPE "assessments"."tour_status" AS ENUM('scoring', 'closed');--> statement-breakpoint
CREATE TABLE "assessments"."idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "assessments"."idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."indicator_values" (
	"tenant_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"value" numeric(20, 6),
	"source" "assessments"."indicator_source" NOT NULL,
	"evidence" text,
	"detail" jsonb,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "indicator_values_tenant_id_period_id_indicator_id_pk" PRIMARY KEY("tenant_id","period_id","indicator_id"),
	CONSTRAINT "indicator_values_evidence_check" CHECK ("assessments"."indicator_values"."source" <> 'manual' or "assessments"."indicator_values"."evidence" is not null)
);
--> statement-breakpoint
ALTER TABLE "assessments"."indicator_values" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."indicators" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"direction" "assessments"."indicator_direction" NOT NULL,
	"dimension" "assessments"."indicator_dimension" NOT NULL,
	"source" "assessments"."indicator_source" NOT NULL,
	"metric" text,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "indicators_metric_check" CHECK (("assessments"."indicators"."source" = 'computed') = ("assessments"."indicators"."metric" is not null))
);
--> statement-breakpoint
ALTER TABLE "assessments"."indicators" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."periods" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" "assessments"."period_kind" NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "assessments"."period_status" DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "periods_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "periods_dates_check" CHECK ("assessments"."periods"."starts_on" <= "assessments"."periods"."ends_on")
);
--> statement-breakpoint
ALTER TABLE "assessments"."periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."rankings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"status" "assessments"."ranking_status" DEFAULT 'draft' NOT NULL,
	"formula_version" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"previous_ranking_id" uuid,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_name" text,
	"published_at" timestamp with time zone,
	"published_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rankings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "rankings_published_check" CHECK (("assessments"."rankings"."status" = 'published') = ("assessments"."rankings"."published_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "assessments"."rankings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."supervision_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"progress_pct" smallint NOT NULL,
	"achieved_value" numeric(20, 6),
	"note" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "supervision_reports_progress_check" CHECK ("assessments"."supervision_reports"."progress_pct" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "assessments"."supervision_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."supervision_tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" "assessments"."supervision_category" NOT NULL,
	"description" text,
	"target" text NOT NULL,
	"target_value" numeric(20, 6),
	"unit" text,
	"deadline" date NOT NULL,
	"assigned_on" date NOT NULL,
	"status" "assessments"."supervision_task_status" DEFAULT 'assigned' NOT NULL,
	"progress_pct" smallint DEFAULT 0 NOT NULL,
	"achieved_value" numeric(20, 6),
	"completed_on" date,
	"assigned_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "supervision_tasks_progress_check" CHECK ("assessments"."supervision_tasks"."progress_pct" between 0 and 100),
	CONSTRAINT "supervision_tasks_done_check" CHECK (("assessments"."supervision_tasks"."status" = 'done') = ("assessments"."supervision_tasks"."completed_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "assessments"."supervision_tasks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."targets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"benchmark_name" text,
	"benchmark_value" numeric(20, 6),
	"standard_value" numeric(20, 6),
	"breakthrough" text,
	"breakthrough_due" date,
	"breakthrough_done" boolean DEFAULT false NOT NULL,
	"breakthrough_done_on" date,
	"note" text,
	"updated_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "targets_done_check" CHECK ("assessments"."targets"."breakthrough_done" = ("assessments"."targets"."breakthrough_done_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "assessments"."targets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."tour_scores" (
	"tenant_id" uuid NOT NULL,
	"tour_id" uuid NOT NULL,
	"subject_tenant_id" uuid NOT NULL,
	"scorer_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" numeric(20, 6) NOT NULL,
	"scored_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tour_scores_tenant_id_tour_id_subject_tenant_id_scorer_id_pk" PRIMARY KEY("tenant_id","tour_id","subject_tenant_id","scorer_id"),
	CONSTRAINT "tour_scores_total_check" CHECK ("assessments"."tour_scores"."total" >= 0)
);
--> statement-breakpoint
ALTER TABLE "assessments"."tour_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."tour_sites" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"tour_id" uuid NOT NULL,
	"subject_tenant_id" uuid NOT NULL,
	"project_id" uuid,
	"project_name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tour_sites_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "assessments"."tour_sites" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."tours" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"period_id" uuid,
	"indicator_id" uuid,
	"aggregation" "assessments"."tour_aggregation" NOT NULL,
	"status" "assessments"."tour_status" DEFAULT 'scoring' NOT NULL,
	"criteria" jsonb NOT NULL,
	"scorers" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tours_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tours_dates_check" CHECK ("assessments"."tours"."starts_on" <= "assessments"."tours"."ends_on")
);
--> statement-breakpoint
ALTER TABLE "assessments"."tours" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assessments"."weight_sets" (
	"tenant_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"formula_version" text NOT NULL,
	"normalisation" "assessments"."normalisation" NOT NULL,
	"missing_policy" "assessments"."missing_policy" NOT NULL,
	"weight_total" numeric(20, 6) NOT NULL,
	"red_list_size" smallint NOT NULL,
	"black_list_size" smallint NOT NULL,
	"items" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weight_sets_tenant_id_period_id_pk" PRIMARY KEY("tenant_id","period_id")
);
--> statement-breakpoint
ALTER TABLE "assessments"."weight_sets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assessments"."rankings" ADD CONSTRAINT "rankings_tenant_id_period_id_periods_tenant_id_id_fk" FOREIGN KEY ("tenant_id","period_id") REFERENCES "assessments"."periods"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments"."supervision_reports" ADD CONSTRAINT "supervision_reports_tenant_id_task_id_supervision_tasks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "assessments"."supervision_tasks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments"."tour_scores" ADD CONSTRAINT "tour_scores_tenant_id_tour_id_tours_tenant_id_id_fk" FOREIGN KEY ("tenant_id","tour_id") REFERENCES "assessments"."tours"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments"."tour_sites" ADD CONSTRAINT "tour_sites_tenant_id_tour_id_tours_tenant_id_id_fk" FOREIGN KEY ("tenant_id","tour_id") REFERENCES "assessments"."tours"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments"."weight_sets" ADD CONSTRAINT "weight_sets_tenant_id_period_id_periods_tenant_id_id_fk" FOREIGN KEY ("tenant_id","period_id") REFERENCES "assessments"."periods"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_code_key" ON "assessments"."indicators" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "periods_code_key" ON "assessments"."periods" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "periods_status_idx" ON "assessments"."periods" USING btree ("tenant_id","status","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "rankings_period_key" ON "assessments"."rankings" USING btree ("tenant_id","period_id");--> statement-breakpoint
CREATE INDEX "rankings_status_idx" ON "assessments"."rankings" USING btree ("tenant_id","status","published_at");--> statement-breakpoint
CREATE INDEX "supervision_reports_task_idx" ON "assessments"."supervision_reports" USING btree ("tenant_id","task_id");--> statement-breakpoint
CREATE INDEX "supervision_tasks_batch_idx" ON "assessments"."supervision_tasks" USING btree ("tenant_id","batch_id");--> statement-breakpoint
CREATE INDEX "supervision_tasks_deadline_idx" ON "assessments"."supervision_tasks" USING btree ("tenant_id","status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_period_indicator_key" ON "assessments"."targets" USING btree ("tenant_id","period_id","indicator_id");--> statement-breakpoint
CREATE INDEX "tour_sites_tour_idx" ON "assessments"."tour_sites" USING btree ("tenant_id","tour_id","subject_tenant_id");--> statement-breakpoint
CREATE INDEX "tours_dates_idx" ON "assessments"."tours" USING btree ("tenant_id","starts_on");--> statement-breakpoint
CREATE POLICY "idempotency_keys_tenant_isolation" ON "assessments"."idempotency_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "indicator_values_tenant_or_city" ON "assessments"."indicator_values" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id));--> statement-breakpoint
CREATE POLICY "indicators_tenant_isolation" ON "assessments"."indicators" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "indicators_district_read" ON "assessments"."indicators" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = assessments.current_city());--> statement-breakpoint
CREATE POLICY "periods_tenant_isolation" ON "assessments"."periods" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "periods_district_read" ON "assessments"."periods" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = assessments.current_city());--> statement-breakpoint
CREATE POLICY "rankings_tenant_isolation" ON "assessments"."rankings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "rankings_district_read" ON "assessments"."rankings" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = assessments.current_city() and status = 'published');--> statement-breakpoint
CREATE POLICY "supervision_reports_tenant_or_city" ON "assessments"."supervision_reports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id));--> statement-breakpoint
CREATE POLICY "supervision_tasks_tenant_or_city" ON "assessments"."supervision_tasks" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id));--> statement-breakpoint
CREATE POLICY "targets_tenant_or_city" ON "assessments"."targets" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or assessments.city_sees(tenant_id));--> statement-breakpoint
CREATE POLICY "tour_scores_tenant_isolation" ON "assessments"."tour_scores" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tour_scores_district_read" ON "assessments"."tour_scores" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = assessments.current_city() and subject_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and exists (select 1 from assessments.tours t where t.tenant_id = tour_scores.tenant_id and t.id = tour_scores.tour_id and t.status = 'closed'));--> statement-breakpoint
CREATE POLICY "tour_sites_tenant_isolation" ON "assessments"."tour_sites" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tour_sites_district_read" ON "assessments"."tour_sites" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = assessments.current_city() and subject_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tours_tenant_isolation" ON "assessments"."tours" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tours_district_read" ON "assessments"."tours" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = assessments.current_city());--> statement-breakpoint
CREATE POLICY "weight_sets_tenant_isolation" ON "assessments"."weight_sets" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "weight_sets_district_read" ON "assessments"."weight_sets" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = assessments.current_city());