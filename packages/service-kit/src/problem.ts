import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** RFC 9457 problem details; `errors` lists each field at fault for validation failures. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://yingshang.gov.cn/problems/';

/** Throw anywhere in a handler; the kit's error handler turns it into problem+json. */
export class HttpProblem extends Error {
  readonly status: ContentfulStatusCode;
  readonly body: Omit<ProblemBody, 'status'>;
  constructor(status: ContentfulStatusCode, type: string, title: string, detail?: string, extra?: Record<string, unknown>) {
    super(detail ?? title);
    this.status = status;
    this.body = { type: type.startsWith('http') ? type : TYPE_BASE + type, title, ...(detail ? { detail } : {}), ...extra };
  }
}

export const problems = {
  unauthorized: (detail = '请先登录，或登录已过期') => new HttpProblem(401, 'unauthorized', '未登录或凭证无效', detail),
  forbidden: (detail = '当前账号没有执行此操作的权限') => new HttpProblem(403, 'forbidden', '没有权限', detail),
  tenantMismatch: () =>
    new HttpProblem(403, 'tenant-mismatch', '单位不匹配', '登录凭证属于另一个单位，请在本单位的地址重新登录'),
  noTenant: () => new HttpProblem(404, 'tenant-not-found', '未找到单位', '请通过本单位的专属地址访问（<单位>.域名）'),
  notFound: (what = '资源') => new HttpProblem(404, 'not-found', `${what}不存在`, `未找到该${what}，或无权查看`),
  conflict: (detail: string) => new HttpProblem(409, 'conflict', '数据冲突', detail),
  databaseUnavailable: () =>
    new HttpProblem(503, 'database-unavailable', '数据库暂时不可用', '请稍后重试；若持续出现请联系系统管理员'),
};

export function problemResponse(c: Context, status: number, body: Omit<ProblemBody, 'status'>): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  const payload = { ...body, status, instance: new URL(c.req.url).pathname, ...(requestId ? { requestId } : {}) } as ProblemBody;
  return new Response(JSON.stringify(payload), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...(requestId ? { 'x-request-id': requestId } : {}) },
  });
}

export function validationProblem(error: ZodError, location: string): HttpProblem {
  const errors = error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return new HttpProblem(400, 'validation', '请求参数有误', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    errors,
  });
}
