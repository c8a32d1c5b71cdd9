-- The city of the current tenant (a city is its own city). The USCC allowlist is the city's, and its districts
-- read it through this; security definer because the service roles may not read identity.tenants.
CREATE FUNCTION "enterprise"."current_city"() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
  SELECT t.city_id FROM "identity"."tenants" t
  WHERE t.id = nullif(current_setting('app.tenant_id', true), '')::uuid
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "enterprise"."current_city"() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "enterprise"."current_city"() TO ys_enterprise;--> statement-breakpoint
CREATE TYPE "enterprise"."appeal_category" AS ENUM('financing', 'labour', 'land', 'approval', 'policy', 'logistics', 'utilities', 'legal', 'other');--> statement-breakpoint
CREATE TYPE "enterprise"."appeal_source" AS ENUM('enterprise', 'visit', 'hotline');--> statement-breakpoint
CREATE TYPE "enterprise"."appeal_status" AS ENUM('registered', 'assigned', 'objected', 'in_progress', 'resolution_reported', 'rated', 'closed');--> statement-breakpoint
CREATE TYPE "enterprise"."enterprise_certification" AS ENUM('specialized', 'little_giant', 'single_champion', 'high_tech', 'tech_sme', 'smart_workshop', 'smart_factory');--> statement-breakpoint
CREATE TYPE "enterprise"."enterprise_size" AS ENUM('large', 'medium', 'small', 'micro');--> statement-breakpoint
CREATE TYPE "enterprise"."extension_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "enterprise"."match_mode" AS ENUM('automatic', 'quick_application');--> statement-breakpoint
CREATE TYPE "enterprise"."match_status" AS ENUM('matched', 'notified', 'confirmed', 'paid');--> statement-breakpoint
CREATE TYPE "enterprise"."park_stage" AS ENUM('planning', 'constructing', 'operating');--> statement-breakpoint
CREATE TYPE "enterprise"."policy_status" AS ENUM('draft', 'published', 'withdrawn');--> statement-breakpoint
CREATE TYPE "enterprise"."satisfaction_level" AS ENUM('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied');--> statement-breakpoint
CREATE TABLE "enterprise"."appeal_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" "enterprise"."appeal_status",
	"to_status" "enterprise"."appeal_status",
	"on_date" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"note" text,
	"data" jsonb,
	CONSTRAINT "appeal_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "enterprise"."appeal_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."appeal_extensions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"days" smallint NOT NULL,
	"reason" text NOT NULL,
	"requested_on" date NOT NULL,
	"requested_by" uuid,
	"status" "enterprise"."extension_status" DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"decided_by" uuid,
	"decision_note" text,
	"previous_deadline" date NOT NULL,
	"new_deadline" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeal_extensions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "appeal_extensions_days_check" CHECK ("enterprise"."appeal_extensions"."days" between 1 and 90)
);
--> statement-breakpoint
ALTER TABLE "enterprise"."appeal_extensions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."appeals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"category" "enterprise"."appeal_category" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"source" "enterprise"."appeal_source" NOT NULL,
	"visit_id" uuid,
	"grade" text NOT NULL,
	"time_limit_days" smallint NOT NULL,
	"status" "enterprise"."appeal_status" DEFAULT 'registered' NOT NULL,
	"registered_on" date NOT NULL,
	"assigned_department_id" uuid,
	"assigned_unit" text,
	"co_units" text[] DEFAULT '{}'::text[] NOT NULL,
	"assigned_on" date,
	"deadline" date NOT NULL,
	"accepted_on" date,
	"resolved_on" date,
	"resolution" text,
	"followed_up_on" date,
	"follow_up_method" text,
	"rating" "enterprise"."satisfaction_level",
	"rated_on" date,
	"redo_count" smallint DEFAULT 0 NOT NULL,
	"closed_on" date,
	"solved" boolean,
	"closed_on_time" boolean,
	"close_workdays" smallint,
	"overdue" boolean DEFAULT false NOT NULL,
	"overdue_since" date,
	"escalated" boolean DEFAULT false NOT NULL,
	"escalated_to" text,
	"extension_pending" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "appeals_time_limit_check" CHECK ("enterprise"."appeals"."time_limit_days" between 0 and 365),
	CONSTRAINT "appeals_closed_check" CHECK (("enterprise"."appeals"."status" = 'closed') = ("enterprise"."appeals"."closed_on" is not null)),
	CONSTRAINT "appeals_rating_check" CHECK (("enterprise"."appeals"."rating" is null) = ("enterprise"."appeals"."rated_on" is null))
);
--> statement-breakpoint
ALTER TABLE "enterprise"."appeals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "enterprise"."idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."enterprise_users" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_users_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "enterprise"."enterprise_users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."enterprises" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"industry" text NOT NULL,
	"size" "enterprise"."enterprise_size" NOT NULL,
	"above_threshold" boolean DEFAULT false NOT NULL,
	"headcount" integer,
	"insured_headcount" integer,
	"revenue" numeric(14, 2),
	"tax" numeric(14, 2),
	"rd_spending" numeric(14, 2),
	"certifications" "enterprise"."enterprise_certification"[] DEFAULT '{}' NOT NULL,
	"founded_on" date,
	"address" text,
	"park_id" uuid,
	"contact_name" text,
	"contact_phone" text,
	"registered_on" date NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "enterprises_uscc_check" CHECK ("enterprise"."enterprises"."uscc" ~ '^[0-9A-Z]{18}$'),
	CONSTRAINT "enterprises_industry_check" CHECK ("enterprise"."enterprises"."industry" ~ '^[A-T]$'),
	CONSTRAINT "enterprises_amounts_check" CHECK (coalesce("enterprise"."enterprises"."revenue", 0) >= 0 and coalesce("enterprise"."enterprises"."tax", 0) >= 0 and coalesce("enterprise"."enterprises"."rd_spending", 0) >= 0
        and coalesce("enterprise"."enterprises"."headcount", 0) >= 0 and coalesce("enterprise"."enterprises"."insured_headcount", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "enterprise"."enterprises" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."pairings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"cadre_user_id" uuid NOT NULL,
	"cadre_name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "pairings_dates_check" CHECK ("enterprise"."pairings"."end_date" is null or "enterprise"."pairings"."end_date" >= "enterprise"."pairings"."start_date")
);
--> statement-breakpoint
ALTER TABLE "enterprise"."pairings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."parks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"operator" text,
	"planned_area" numeric(12, 2) NOT NULL,
	"built_area" numeric(12, 2) DEFAULT '0' NOT NULL,
	"occupied_area" numeric(12, 2) DEFAULT '0' NOT NULL,
	"investment" numeric(14, 2) DEFAULT '0' NOT NULL,
	"stage" "enterprise"."park_stage" NOT NULL,
	"enterprises_settled" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "parks_amounts_check" CHECK ("enterprise"."parks"."planned_area" >= 0 and "enterprise"."parks"."built_area" >= 0 and "enterprise"."parks"."occupied_area" >= 0 and "enterprise"."parks"."occupied_area" <= "enterprise"."parks"."built_area"
        and "enterprise"."parks"."investment" >= 0 and "enterprise"."parks"."enterprises_settled" >= 0)
);
--> statement-breakpoint
ALTER TABLE "enterprise"."parks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."policies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"doc_number" text NOT NULL,
	"benefit" text NOT NULL,
	"benefit_amount" numeric(14, 2),
	"payment_deadline" date,
	"criteria" jsonb NOT NULL,
	"status" "enterprise"."policy_status" DEFAULT 'draft' NOT NULL,
	"published_on" date,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "policies_amount_check" CHECK (coalesce("enterprise"."policies"."benefit_amount", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "enterprise"."policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."policy_matches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"mode" "enterprise"."match_mode" NOT NULL,
	"status" "enterprise"."match_status" DEFAULT 'matched' NOT NULL,
	"explanation" jsonb NOT NULL,
	"amount" numeric(14, 2),
	"matched_on" date NOT NULL,
	"notified_on" date,
	"confirmed_on" date,
	"confirmed_by" uuid,
	"paid_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_matches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "policy_matches_amount_check" CHECK (coalesce("enterprise"."policy_matches"."amount", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "enterprise"."policy_matches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."time_limit_settings" (
	"tenant_id" uuid NOT NULL,
	"preset" text NOT NULL,
	"assign_days" smallint NOT NULL,
	"object_days" smallint NOT NULL,
	"progress_days" smallint NOT NULL,
	"grades" jsonb NOT NULL,
	"escalate_after_days" smallint,
	"escalate_to" text DEFAULT 'city_office' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_limit_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "enterprise"."time_limit_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."uscc_allowlist" (
	"tenant_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uscc_allowlist_tenant_id_uscc_pk" PRIMARY KEY("tenant_id","uscc")
);
--> statement-breakpoint
ALTER TABLE "enterprise"."uscc_allowlist" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "enterprise"."visits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"cadre_user_id" uuid,
	"cadre_name" text NOT NULL,
	"visited_on" date NOT NULL,
	"method" text DEFAULT 'onsite' NOT NULL,
	"notes" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "enterprise"."visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "enterprise"."appeal_events" ADD CONSTRAINT "appeal_events_tenant_id_appeal_id_appeals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","appeal_id") REFERENCES "enterprise"."appeals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise"."appeal_extensions" ADD CONSTRAINT "appeal_extensions_tenant_id_appeal_id_appeals_tenant_id_id_fk" FOREIGN KEY ("tenant_id","appeal_id") REFERENCES "enterprise"."appeals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise"."appeals" ADD CONSTRAINT "appeals_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "enterprise"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise"."enterprise_users" ADD CONSTRAINT "enterprise_users_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "enterprise"."enterprises"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise"."pairings" ADD CONSTRAINT "pairings_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "enterprise"."enterprises"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise"."policy_matches" ADD CONSTRAINT "policy_matches_tenant_id_policy_id_policies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","policy_id") REFERENCES "enterprise"."policies"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise"."policy_matches" ADD CONSTRAINT "policy_matches_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "enterprise"."enterprises"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise"."visits" ADD CONSTRAINT "visits_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "enterprise"."enterprises"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_events_appeal_idx" ON "enterprise"."appeal_events" USING btree ("tenant_id","appeal_id","at");--> statement-breakpoint
CREATE INDEX "appeal_extensions_appeal_idx" ON "enterprise"."appeal_extensions" USING btree ("tenant_id","appeal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_extensions_pending_key" ON "enterprise"."appeal_extensions" USING btree ("tenant_id","appeal_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_code_key" ON "enterprise"."appeals" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "appeals_enterprise_idx" ON "enterprise"."appeals" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "appeals_status_idx" ON "enterprise"."appeals" USING btree ("tenant_id","status","deadline");--> statement-breakpoint
CREATE INDEX "appeals_registered_idx" ON "enterprise"."appeals" USING btree ("tenant_id","registered_on","id");--> statement-breakpoint
CREATE INDEX "enterprise_users_enterprise_idx" ON "enterprise"."enterprise_users" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc_key" ON "enterprise"."enterprises" USING btree ("tenant_id","uscc");--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprise"."enterprises" USING btree ("tenant_id","name","id");--> statement-breakpoint
CREATE INDEX "enterprises_park_idx" ON "enterprise"."enterprises" USING btree ("tenant_id","park_id");--> statement-breakpoint
CREATE INDEX "pairings_enterprise_idx" ON "enterprise"."pairings" USING btree ("tenant_id","enterprise_id","start_date");--> statement-breakpoint
CREATE INDEX "pairings_cadre_idx" ON "enterprise"."pairings" USING btree ("tenant_id","cadre_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parks_name_key" ON "enterprise"."parks" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "policies_status_idx" ON "enterprise"."policies" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_matches_policy_enterprise_key" ON "enterprise"."policy_matches" USING btree ("tenant_id","policy_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_matches_enterprise_idx" ON "enterprise"."policy_matches" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "visits_enterprise_idx" ON "enterprise"."visits" USING btree ("tenant_id","enterprise_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_month_idx" ON "enterprise"."visits" USING btree ("tenant_id","visited_on");--> statement-breakpoint
CREATE POLICY "appeal_events_tenant_isolation" ON "enterprise"."appeal_events" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "appeal_extensions_tenant_isolation" ON "enterprise"."appeal_extensions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "appeals_tenant_isolation" ON "enterprise"."appeals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "idempotency_keys_tenant_isolation" ON "enterprise"."idempotency_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "enterprise_users_tenant_isolation" ON "enterprise"."enterprise_users" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "enterprises_tenant_isolation" ON "enterprise"."enterprises" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "pairings_tenant_isolation" ON "enterprise"."pairings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "parks_tenant_isolation" ON "enterprise"."parks" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "policies_tenant_isolation" ON "enterprise"."policies" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "policy_matches_tenant_isolation" ON "enterprise"."policy_matches" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_limit_settings_tenant_isolation" ON "enterprise"."time_limit_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "uscc_allowlist_tenant_isolation" ON "enterprise"."uscc_allowlist" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "uscc_allowlist_district_read" ON "enterprise"."uscc_allowlist" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = enterprise.current_city() and nullif(current_setting('app.tenant_id', true), '')::uuid is not null);--> statement-breakpoint
CREATE POLICY "visits_tenant_isolation" ON "enterprise"."visits" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);