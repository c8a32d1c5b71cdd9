import { DatabaseUnavailableError, MissingTenantError, TenantClosedError } from '@yingshang/db';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { logJson } from './log.ts';
import { HttpProblem, problemResponse, problems } from './problem.ts';

interface PgLikeError {
  code?: string;
  message?: string;
  detail?: string;
  constraint?: string;
  cause?: unknown;
}

function pgError(err: unknown): PgLikeError | null {
  for (let e = err as PgLikeError | undefined, depth = 0; e && depth < 5; e = e.cause as PgLikeError, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  }
  return null;
}

// "… is not queryable": the driver's answer to the rollback that follows a connection lost mid-transaction.
const CONNECTION_FAILURE = /ECONNREFUSED|ECONNRESET|Connection terminated|connect ETIMEDOUT|WebSocket|timeout exceeded when trying to connect|socket hang up|Network connection lost|is not queryable|Too many connections/i;

function isConnectionFailure(err: unknown): boolean {
  for (let e = err as PgLikeError | undefined, depth = 0; e && depth < 5; e = e.cause as PgLikeError, depth++) {
    if (typeof e.message === 'string' && CONNECTION_FAILURE.test(e.message)) return true;
    if (e.code?.startsWith('08')) return true; // SQLSTATE class 08: connection exception
  }
  return false;
}

/** Maps whatever a handler threw to problem+json. Only the truly unexpected becomes a 500. */
export function toProblem(err: unknown): HttpProblem | null {
  if (err instanceof HttpProblem) return err;
  if (err instanceof MissingTenantError) return problems.unauthorized();
  if (err instanceof DatabaseUnavailableError) return problems.databaseUnavailable();
  if (err instanceof TenantClosedError) {
    return err.status === 'suspended'
      ? new HttpProblem(403, 'tenant-suspended', '本单位已停用', '本单位账号已被市级管理员停用，请联系市营商办')
      : new HttpProblem(403, 'tenant-not-onboarded', '本单位尚未完成开通', '请由本单位管理员通过邀请链接完成开通');
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return new HttpProblem(413, 'payload-too-large', '请求体过大', '请缩小提交内容后重试');
    if (status < 500) return new HttpProblem(status, 'bad-request', '请求格式有误', err.message || undefined);
  }
  if (err instanceof SyntaxError) return new HttpProblem(400, 'bad-request', '请求格式有误', '请求体不是合法的 JSON');
  const pg = pgError(err);
  if (pg?.code) {
    if (pg.code === '23505') return problems.conflict('记录已存在（唯一性冲突）');
    if (pg.code === '23503') return new HttpProblem(409, 'reference-conflict', '关联数据冲突', '引用的数据不存在或仍被引用');
    if (pg.code === '42501') return problems.forbidden('数据不属于当前单位');
    if (pg.code === '40001' || pg.code === '40P01') return new HttpProblem(409, 'retry', '并发冲突', '请重试');
    if (pg.code.startsWith('22')) return new HttpProblem(400, 'invalid-value', '数据值不合法', pg.message);
  }
  if (isConnectionFailure(err)) return problems.databaseUnavailable();
  return null;
}

export function errorHandler(err: Error, c: Context): Response {
  const problem = toProblem(err);
  if (problem) {
    if (problem.status === 503) logJson('warn', 'database unavailable', context(c, err));
    return problemResponse(c, problem.status, problem.body);
  }
  logJson('error', 'unhandled error', { ...context(c, err), stack: safeMessage(err?.stack, 2000)?.split('\n').slice(0, 6).join('\n') });
  return problemResponse(c, 500, {
    type: 'https://yingshang.gov.cn/problems/internal',
    title: '服务器内部错误',
    detail: '请求未能完成，请稍后重试；如需协助请提供请求编号',
  });
}

function context(c: Context, err: Error) {
  const principal = c.get('principal' as never) as { tenantId?: string; userId?: string } | undefined;
  return {
    requestId: c.get('requestId' as never),
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    tenantId: principal?.tenantId,
    userId: principal?.userId,
    error: err?.name,
    errorMessage: safeMessage(err?.message),
  };
}

/**
 * An error message fit for the log: drizzle appends the query's parameters ("Failed query: … params: …"), which
 * carry what people typed (passwords, phone numbers, USCC-linked personal data), and a driver may quote a
 * connection string with its password. Neither belongs in a log line.
 */
export function safeMessage(message: string | undefined, max = 300): string | undefined {
  if (message === undefined) return undefined;
  return message
    .replace(/\nparams:.*/g, '\nparams: [redacted]')
    .replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/gi, '$1[redacted]@')
    .slice(0, max);
}

/** True when `err` is Postgres refusing a duplicate on the named unique index or constraint. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const pg = pgError(err);
  return pg?.code === '23505' && (pg.constraint === constraint || (pg.message ?? '').includes(constraint));
}
