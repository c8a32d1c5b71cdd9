import { createRoute } from '@hono/zod-openapi';
import {
  createUserRequest,
  resetPasswordRequest,
  updateUserRequest,
  user,
  userListQuery,
  userPage,
} from '@yingshang/contracts/organisation';
import { schema } from '@yingshang/db';
import { audit, guard, idempotent, problemResponses, requiredIfMatch, setEtag, tenantTx } from '@yingshang/service-kit';
import { hashPassword } from '@yingshang/service-kit/password';
import type { IdentityApp, IdentityDeps } from '../../deps.ts';
import { uniqueFields } from '../../domain/organisation/problems.ts';
import {
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserStatus,
  updateUser,
  userUniques,
} from '../../domain/organisation/users.ts';
import { API, bearer, idempotencyKey, idParam, ifMatch, ifMatchOptional, json, jsonBody, nothingWritten } from './shared.ts';

const base = `${API}/users`;
const tags = ['users'];
const id = idParam('用户');

export function registerUserRoutes(app: IdentityApp, deps: IdentityDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags,
      summary: '用户列表（按关键字、部门、角色、状态筛选；按角色的数据范围可见）',
      security: bearer,
      middleware: guard('admin:user:read'),
      request: { query: userListQuery },
      responses: { 200: json(userPage, 'a page of users'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const page = await tenantTx(c, (tx) => listUsers(tx, principal, c.req.valid('query')));
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags,
      summary: '查看用户',
      security: bearer,
      middleware: guard('admin:user:read'),
      request: { params: id },
      responses: { 200: json(user, 'the user; ETag carries its version'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const found = await tenantTx(c, (tx) => getUser(tx, principal, c.req.valid('param').id));
      setEtag(c, found.version);
      return c.json(found, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags,
      summary: '新增用户（首次登录须修改密码）',
      security: bearer,
      middleware: guard('admin:user:create'),
      request: { headers: idempotencyKey, ...jsonBody(createUserRequest) },
      responses: { 201: json(user, 'created'), ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const input = c.req.valid('json');
      // Argon2id costs tens of milliseconds: hashed before the transaction opens, not while it holds locks.
      const passwordHash = hashPassword(await deps.argon2(), input.password);
      const outcome = await uniqueFields(
        () =>
          tenantTx(c, (tx) =>
            idempotent(c, tx, schema.identityIdempotencyKeys, principal.tenantId, input, async () => {
              const created = await createUser(tx, principal, input, passwordHash);
              await audit(c, tx, { action: 'user.create', entity: 'user', entityId: created.id, after: created });
              return { status: 201, body: created };
            }),
          ),
        userUniques,
      );
      if (outcome.replayed) nothingWritten(c);
      setEtag(c, outcome.body.version);
      return c.json(outcome.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: `${base}/{id}`,
      tags,
      summary: '修改用户（姓名、电话、部门、角色、状态）',
      description: '修改状态还需要 admin:user:disable 权限；不能停用自己或修改自己的角色。',
      security: bearer,
      middleware: guard('admin:user:update'),
      request: { params: id, headers: ifMatch, ...jsonBody(updateUserRequest) },
      responses: { 200: json(user, 'updated'), ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const expected = requiredIfMatch(c);
      const userId = c.req.valid('param').id;
      const input = c.req.valid('json');
      const { after } = await tenantTx(c, async (tx) => {
        const change = await updateUser(tx, principal, userId, expected, input, {
          mayChangeStatus: principal.permissions.has('admin:user:disable'),
        });
        await audit(c, tx, { action: 'user.update', entity: 'user', entityId: userId, ...change });
        return change;
      });
      setEtag(c, after.version);
      return c.json(after, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{id}/reset-password`,
      tags,
      summary: '重置密码（用户下次登录须修改；解除锁定并结束其会话）',
      security: bearer,
      middleware: guard('admin:user:reset_password'),
      request: { params: id, headers: ifMatchOptional, ...jsonBody(resetPasswordRequest) },
      responses: { 200: json(user, 'the user after the reset'), ...problemResponses(400, 401, 403, 404, 412) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const expected = c.req.header('if-match') ? requiredIfMatch(c) : undefined;
      const userId = c.req.valid('param').id;
      const { newPassword } = c.req.valid('json');
      const argon2 = await deps.argon2();
      const { after } = await tenantTx(c, async (tx) => {
        const change = await resetPassword(tx, principal, userId, expected, newPassword, (pw) => hashPassword(argon2, pw));
        // The audit kit redacts password fields; the entry records that a reset happened, never what was set.
        await audit(c, tx, { action: 'user.reset_password', entity: 'user', entityId: userId, ...change });
        return change;
      });
      setEtag(c, after.version);
      return c.json(after, 200);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/${action}`,
        tags,
        summary: action === 'disable' ? '停用用户（立即结束其会话）' : '启用用户',
        security: bearer,
        middleware: guard('admin:user:disable'),
        request: { params: id, headers: ifMatchOptional },
        responses: { 200: json(user, 'the user after the change'), ...problemResponses(400, 401, 403, 404, 409, 412) },
      }),
      async (c) => {
        const principal = c.get('principal');
        const expected = c.req.header('if-match') ? requiredIfMatch(c) : undefined;
        const userId = c.req.valid('param').id;
        const change = await tenantTx(c, async (tx) => {
          const result = await setUserStatus(tx, principal, userId, expected, action === 'disable' ? 'disabled' : 'active');
          if (result.changed) {
            await audit(c, tx, { action: `user.${action}`, entity: 'user', entityId: userId, before: result.before, after: result.after });
          }
          return result;
        });
        if (!change.changed) nothingWritten(c);
        setEtag(c, change.after.version);
        return c.json(change.after, 200);
      },
    );
  }
}
