CREATE TYPE "projects"."blocker_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "projects"."project_category" AS ENUM('advanced_manufacturing', 'emerging_industry', 'digital_infrastructure', 'major_infrastructure', 'modern_services', 'livelihood', 'other');--> statement-breakpoint
CREATE TYPE "projects"."project_level" AS ENUM('provincial', 'municipal', 'district');--> statement-breakpoint
CREATE TYPE "projects"."project_stage" AS ENUM('planning', 'negotiating', 'signed', 'started', 'constructing', 'producing', 'at_capacity');--> statement-breakpoint
CREATE TABLE "projects"."annual_plans" (
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"planned_investment" numeric(14, 2) NOT NULL,
	CONSTRAINT "annual_plans_tenant_id_project_id_year_pk" PRIMARY KEY("tenant_id","project_id","year"),
	CONSTRAINT "annual_plans_amount_check" CHECK ("projects"."annual_plans"."planned_investment" >= 0),
	CONSTRAINT "annual_plans_year_check" CHECK ("projects"."annual_plans"."year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "projects"."annual_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects"."blocker_notes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"blocker_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"note" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blocker_notes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "projects"."blocker_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects"."blockers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"kind" text,
	"assigned_unit" text,
	"raised_on" date NOT NULL,
	"deadline" date,
	"status" "projects"."blocker_status" DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"closure_note" text,
	"created_by" uuid,
	"created_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blockers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "blockers_closed_check" CHECK (("projects"."blockers"."status" = 'closed') = ("projects"."blockers"."closed_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "projects"."blockers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects"."investment_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"month" date NOT NULL,
	"planned_investment" numeric(14, 2) NOT NULL,
	"completed_investment" numeric(14, 2) NOT NULL,
	"progress" text,
	"photos" text[] DEFAULT '{}'::text[] NOT NULL,
	"problems" text,
	"reported_by" uuid,
	"reported_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "investment_reports_amounts_check" CHECK ("projects"."investment_reports"."planned_investment" >= 0 and "projects"."investment_reports"."completed_investment" >= 0),
	CONSTRAINT "investment_reports_month_check" CHECK (extract(day from "projects"."investment_reports"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "projects"."investment_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects"."idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "projects"."idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects"."projects" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"owner_unit" text NOT NULL,
	"address" text,
	"latitude" numeric(9, 6),
	"longitude" numeric(9, 6),
	"scale_content" text,
	"new_capacity" text,
	"category" "projects"."project_category" NOT NULL,
	"industry" text,
	"strategies" text[] DEFAULT '{}'::text[] NOT NULL,
	"level" "projects"."project_level" NOT NULL,
	"total_investment" numeric(14, 2) NOT NULL,
	"city_leader" text,
	"department_id" uuid,
	"responsible_person" text,
	"responsible_user_id" uuid,
	"contact_phone" text,
	"attracted" boolean DEFAULT false NOT NULL,
	"source_region" text,
	"planned_sign_date" date,
	"actual_sign_date" date,
	"planned_start_date" date,
	"actual_start_date" date,
	"planned_production_date" date,
	"actual_production_date" date,
	"sign_batch" text,
	"start_batch" text,
	"production_batch" text,
	"stage" "projects"."project_stage" DEFAULT 'planning' NOT NULL,
	"stage_date" date NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "projects_total_investment_check" CHECK ("projects"."projects"."total_investment" >= 0),
	CONSTRAINT "projects_sign_batch_check" CHECK (sign_batch ~ '^[0-9]{4}Q[1-4]$'),
	CONSTRAINT "projects_start_batch_check" CHECK (start_batch ~ '^[0-9]{4}Q[1-4]$'),
	CONSTRAINT "projects_production_batch_check" CHECK (production_batch ~ '^[0-9]{4}Q[1-4]$'),
	CONSTRAINT "projects_actual_dates_order_check" CHECK (coalesce("projects"."projects"."actual_sign_date", '-infinity') <= coalesce("projects"."projects"."actual_start_date", 'infinity')
        and coalesce("projects"."projects"."actual_start_date", '-infinity') <= coalesce("projects"."projects"."actual_production_date", 'infinity')
        and coalesce("projects"."projects"."actual_sign_date", '-infinity') <= coalesce("projects"."projects"."actual_production_date", 'infinity'))
);
--> statement-breakpoint
ALTER TABLE "projects"."projects" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects"."stage_history" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"from_stage" "projects"."project_stage",
	"to_stage" "projects"."project_stage" NOT NULL,
	"moved_on" date NOT NULL,
	"batch" text,
	"skipped_stages" "projects"."project_stage"[] DEFAULT '{}' NOT NULL,
	"note" text,
	"actor_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_history_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "stage_history_batch_check" CHECK (batch ~ '^[0-9]{4}Q[1-4]$')
);
--> statement-breakpoint
ALTER TABLE "projects"."stage_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "projects"."annual_plans" ADD CONSTRAINT "annual_plans_tenant_id_project_id_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "projects"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects"."blocker_notes" ADD CONSTRAINT "blocker_notes_tenant_id_blocker_id_blockers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","blocker_id") REFERENCES "projects"."blockers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects"."blockers" ADD CONSTRAINT "blockers_tenant_id_project_id_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "projects"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects"."investment_reports" ADD CONSTRAINT "investment_reports_tenant_id_project_id_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "projects"."projects"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects"."stage_history" ADD CONSTRAINT "stage_history_tenant_id_project_id_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "projects"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blocker_notes_blocker_idx" ON "projects"."blocker_notes" USING btree ("tenant_id","blocker_id");--> statement-breakpoint
CREATE INDEX "blockers_project_idx" ON "projects"."blockers" USING btree ("tenant_id","project_id");--> statement-breakpoint
CREATE INDEX "blockers_status_idx" ON "projects"."blockers" USING btree ("tenant_id","status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "investment_reports_project_month_key" ON "projects"."investment_reports" USING btree ("tenant_id","project_id","month");--> statement-breakpoint
CREATE INDEX "investment_reports_month_idx" ON "projects"."investment_reports" USING btree ("tenant_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_key" ON "projects"."projects" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects"."projects" USING btree ("tenant_id","stage");--> statement-breakpoint
CREATE INDEX "projects_department_idx" ON "projects"."projects" USING btree ("tenant_id","department_id");--> statement-breakpoint
CREATE INDEX "projects_investment_idx" ON "projects"."projects" USING btree ("tenant_id","total_investment","id");--> statement-breakpoint
CREATE INDEX "projects_name_idx" ON "projects"."projects" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "stage_history_project_idx" ON "projects"."stage_history" USING btree ("tenant_id","project_id","moved_on");--> statement-breakpoint
CREATE POLICY "annual_plans_tenant_isolation" ON "projects"."annual_plans" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "blocker_notes_tenant_isolation" ON "projects"."blocker_notes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "blockers_tenant_isolation" ON "projects"."blockers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "investment_reports_tenant_isolation" ON "projects"."investment_reports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "idempotency_keys_tenant_isolation" ON "projects"."idempotency_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "projects_tenant_isolation" ON "projects"."projects" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "stage_history_tenant_isolation" ON "projects"."stage_history" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);