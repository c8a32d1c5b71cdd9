import { createRoute } from '@hono/zod-openapi';
import { changePasswordRequest } from '@yingshang/contracts/tenancy';
import { schema } from '@yingshang/db';
import { HttpProblem, audit, guard, problemResponses, problems, tenantTx } from '@yingshang/service-kit';
import { hashPassword, verifyPassword } from '@yingshang/service-kit/password';
import { and, eq } from 'drizzle-orm';
import type { IdentityApp, IdentityDeps } from '../../deps.ts';

export function registerPasswordRoute(app: IdentityApp, deps: IdentityDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/identity/v1/me/password',
      tags: ['auth'],
      summary: '修改本人密码（首次登录须修改）',
      security: [{ bearer: [] }],
      middleware: guard(),
      request: { body: { required: true, content: { 'application/json': { schema: changePasswordRequest } } } },
      responses: { 204: { description: 'changed' }, ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const principal = c.get('principal');
      const argon2 = await deps.argon2();
      await tenantTx(c, async (tx) => {
        const [user] = await tx
          .select()
          .from(schema.users)
          .where(and(eq(schema.users.tenantId, principal.tenantId), eq(schema.users.id, principal.userId)));
        if (!user) throw problems.unauthorized();
        if (!verifyPassword(argon2, currentPassword, user.passwordHash)) {
          throw new HttpProblem(400, 'validation', '当前密码不正确', '请核对当前密码', {
            errors: [{ field: 'json.currentPassword', message: '当前密码不正确' }],
          });
        }
        if (newPassword.toLowerCase().includes(user.username.toLowerCase())) {
          throw new HttpProblem(400, 'validation', '新密码不符合要求', '密码不能包含用户名', {
            errors: [{ field: 'json.newPassword', message: '密码不能包含用户名' }],
          });
        }
        await tx
          .update(schema.users)
          .set({ passwordHash: hashPassword(argon2, newPassword), mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
          .where(and(eq(schema.users.tenantId, principal.tenantId), eq(schema.users.id, principal.userId)));
        await audit(c, tx, { action: 'user.password.change', entity: 'user', entityId: principal.userId });
      });
      return c.body(null, 204);
    },
  );
}
