-- True when the current tenant is the city that the given district belongs to. Runs with the caller's rights, so
-- the tenants table's own row-level security decides what the city can see.
CREATE FUNCTION "identity"."city_sees"(p_tenant uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = ''
AS $$
  SELECT EXISTS (
    SELECT 1 FROM "identity"."tenants" t
    WHERE t.id = p_tenant AND t.id <> t.city_id
      AND t.city_id = nullif(current_setting('app.tenant_id', true), '')::uuid
  )
$$;--> statement-breakpoint
CREATE TYPE "identity"."notice_level" AS ENUM('normal', 'important', 'urgent');--> statement-breakpoint
CREATE TABLE "identity"."dictionary_items" (
	"dict_code" text NOT NULL,
	"value" text NOT NULL,
	"label" text NOT NULL,
	"tag_type" text DEFAULT 'info' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	CONSTRAINT "dictionary_items_dict_code_value_pk" PRIMARY KEY("dict_code","value")
);
--> statement-breakpoint
CREATE TABLE "identity"."idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "identity"."idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity"."invitations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "identity"."invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity"."notice_deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"city_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"level" "identity"."notice_level" NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"publisher_name" text,
	CONSTRAINT "notice_deliveries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "identity"."notice_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity"."notice_reads" (
	"tenant_id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_reads_tenant_id_delivery_id_user_id_pk" PRIMARY KEY("tenant_id","delivery_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "identity"."notice_reads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "identity"."notices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"level" "identity"."notice_level" DEFAULT 'normal' NOT NULL,
	"target_tenant_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "identity"."notices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity"."tenants" ALTER COLUMN "slug" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."tenants" ADD COLUMN "allowed_modules" text[] DEFAULT '{projects,enterprise,assessments,admin}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."tenants" ADD COLUMN "onboarding_steps" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."tenants" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."tenants" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."tenants" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."tenants" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."notice_reads" ADD CONSTRAINT "notice_reads_tenant_id_delivery_id_notice_deliveries_tenant_id_id_fk" FOREIGN KEY ("tenant_id","delivery_id") REFERENCES "identity"."notice_deliveries"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_key" ON "identity"."invitations" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_deliveries_notice_key" ON "identity"."notice_deliveries" USING btree ("tenant_id","notice_id");--> statement-breakpoint
CREATE INDEX "notice_deliveries_published_idx" ON "identity"."notice_deliveries" USING btree ("tenant_id","published_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notices_published_idx" ON "identity"."notices" USING btree ("tenant_id","published_at" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "idempotency_keys_tenant_isolation" ON "identity"."idempotency_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "invitations_tenant_or_city" ON "identity"."invitations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or identity.city_sees(tenant_id)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or identity.city_sees(tenant_id));--> statement-breakpoint
CREATE POLICY "notice_deliveries_tenant_or_city" ON "identity"."notice_deliveries" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or identity.city_sees(tenant_id)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid or identity.city_sees(tenant_id));--> statement-breakpoint
CREATE POLICY "notice_reads_tenant_isolation" ON "identity"."notice_reads" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notices_tenant_isolation" ON "identity"."notices" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);