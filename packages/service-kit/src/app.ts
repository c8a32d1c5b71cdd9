import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ServiceName } from '@yingshang/db';
import { sql } from 'drizzle-orm';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AuthVariables } from './auth.ts';
import { type DatabaseFactory, type DbVariables, connectFromEnv, databaseMiddleware, serviceTx } from './database.ts';
import type { KitEnv } from './env.ts';
import { errorHandler } from './errors.ts';
import { logJson } from './log.ts';
import { HttpProblem, problemResponse, validationProblem } from './problem.ts';

// Validation messages reach people: zod's own ones in Chinese, like the rest of the product.
z.config(z.locales.zhCN());

export type KitVariables = DbVariables & AuthVariables & { requestId: string; audited?: boolean };
export type KitApp<E extends KitEnv = KitEnv> = OpenAPIHono<{ Bindings: E; Variables: KitVariables }>;

export interface ServiceAppOptions {
  service: ServiceName;
  title: string;
  description?: string;
  /** Tests hand in an in-process PGlite; Workers connect with the Neon driver from the bindings. */
  database?: DatabaseFactory;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Writes that keep their own log instead of the operation log (sign-in keeps the sign-in log). Every other
   * successful write without an audit entry is reported as an error.
   */
  auditExempt?: RegExp;
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** The response entry every route lists for its failures. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { description: 'RFC 9457 problem', content: { 'application/problem+json': { schema: problemSchema } } }]),
  );

/**
 * The app every worker starts from: request id, access log, body limit, per-request database, problem+json
 * errors (validation failures name each field), OpenAPI at `/api/<service>/openapi.json` and a health route that
 * really queries the database.
 */
export function createServiceApp<E extends KitEnv = KitEnv>(opts: ServiceAppOptions): KitApp<E> {
  const base = `/api/${opts.service}`;
  const app: KitApp<E> = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target);
    },
  });

  app.use('*', requestId({ headerName: 'x-request-id', limitLength: 64 }));
  app.use('*', async (c, next) => {
    const started = Date.now();
    await next();
    const principal = c.get('principal');
    logJson(c.res.status >= 500 ? 'error' : 'info', 'request', {
      service: opts.service,
      requestId: c.get('requestId'),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Date.now() - started,
      tenantId: principal?.tenantId,
      userId: principal?.userId,
    });
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: opts.maxBodyBytes ?? 1024 * 1024,
      onError: () => {
        throw new HttpProblem(413, 'payload-too-large', '请求体过大', '请缩小提交内容后重试');
      },
    }),
  );
  app.use('*', databaseMiddleware(opts.service, opts.database ?? connectFromEnv));
  app.use('*', async (c, next) => {
    await next();
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    if (write && c.res.status < 300 && !c.get('audited') && !opts.auditExempt?.test(new URL(c.req.url).pathname)) {
      logJson('error', 'write without an audit entry', { service: opts.service, requestId: c.get('requestId'), path: new URL(c.req.url).pathname });
    }
  });
  app.onError(errorHandler);
  app.notFound((c) =>
    problemResponse(c, 404, {
      type: 'https://yingshang.gov.cn/problems/route-not-found',
      title: '接口不存在',
      detail: `${c.req.method} ${new URL(c.req.url).pathname}`,
    }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31(`${base}/openapi.json`, {
    openapi: '3.1.0',
    info: { title: opts.title, version: '1.0.0', ...(opts.description ? { description: opts.description } : {}) },
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/health`,
      tags: ['health'],
      summary: '健康检查（真实查询数据库）',
      responses: {
        200: {
          description: 'the worker and its database answer',
          content: {
            'application/json': {
              schema: z.object({ status: z.literal('ok'), service: z.string(), database: z.literal('up'), latencyMs: z.number() }),
            },
          },
        },
        ...problemResponses(503),
      },
    }),
    async (c) => {
      const started = Date.now();
      await serviceTx(c, (tx) => tx.execute(sql`select 1`));
      return c.json({ status: 'ok' as const, service: opts.service, database: 'up' as const, latencyMs: Date.now() - started }, 200);
    },
  );
  return app;
}
