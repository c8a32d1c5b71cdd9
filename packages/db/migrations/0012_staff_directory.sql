-- Identity publishes the current tenant's staff (every active user whose role cannot rate appeals: only an
-- enterprise's own account rates, so that permission is what tells an enterprise user from a cadre) so the
-- enterprise service can offer a cadre picker for 包联 and check that a paired cadre exists, without any access to
-- identity's tables (no password hashes, phones or lockout state leave identity). Same shape of wall as
-- department_tree_v: owner rights, its own WHERE on app.tenant_id, security_barrier.
CREATE VIEW "identity"."staff_directory_v" WITH (security_barrier = true) AS
SELECT u.tenant_id, u.id, u.display_name, u.department_id, d.name AS department_name
FROM "identity"."users" u
JOIN "identity"."roles" r ON r.tenant_id = u.tenant_id AND r.id = u.role_id
LEFT JOIN "identity"."departments" d ON d.tenant_id = u.tenant_id AND d.id = u.department_id
WHERE u.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
  AND u.status = 'active'
  AND NOT ('enterprise:appeal:rate' = ANY (r.permissions));--> statement-breakpoint
REVOKE ALL ON "identity"."staff_directory_v" FROM PUBLIC;--> statement-breakpoint
GRANT SELECT ON "identity"."staff_directory_v" TO ys_enterprise;
