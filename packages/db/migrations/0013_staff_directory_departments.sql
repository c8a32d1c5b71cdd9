-- Staff are the users who belong to a department; an enterprise's own account belongs to its enterprise, not to a
-- department (seeds/src/demo.ts). 0012 told them apart by "cannot rate appeals", but 营商办 roles hold every
-- enterprise permission, rating included, so its own clerks were missing from the cadre picker.
CREATE OR REPLACE VIEW "identity"."staff_directory_v" WITH (security_barrier = true) AS
SELECT u.tenant_id, u.id, u.display_name, u.department_id, d.name AS department_name
FROM "identity"."users" u
JOIN "identity"."departments" d ON d.tenant_id = u.tenant_id AND d.id = u.department_id
WHERE u.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
  AND u.status = 'active';
