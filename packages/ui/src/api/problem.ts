import { zhCN } from '../i18n/zh-CN.ts';

/** RFC 9457 problem details, as every Yingshang service answers an error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
  /** Members a service adds beyond RFC 9457's (e.g. `currentVersion` on a 412, `captchaRequired` on sign-in). */
  extensions?: Record<string, unknown>;
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

/**
 * Marks a ProblemError whichever bundle created it: a micro-frontend has its own copy of this class, but the errors
 * it sees come from the shell's api client (the shell's copy), so `instanceof` alone cannot tell.
 */
const BRAND = Symbol.for('yingshang.problem-error');

/** Thrown by the api client and the session for any answer that is not 2xx, and for network failures (status 0). */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly [BRAND] = true;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}：${problem.detail}` : problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /**
   * The message for one form field, when the service named it among the fields at fault. Services name fields by
   * where they came from (`json.slug`, `query.cursor`); a form knows them as `slug`, so either spelling matches.
   */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || formField(e.field) === field)?.message;
  }

  /** Every field error keyed by its form name (`json.slug` → `slug`, `json.tenantIds.0` → `tenantIds`); first message wins. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = formField(e.field);
      if (key && !(key in out)) out[key] = e.message;
    }
    return out;
  }

  /** 412: someone else saved the record since it was loaded. */
  get stale(): boolean {
    return this.problem.status === 412;
  }

  /** The problem's type without its URI prefix: `https://…/problems/stale-version` → `stale-version`. */
  get kind(): string {
    return this.problem.type.split('/').pop() ?? this.problem.type;
  }
}

/** `json.slug` → `slug`, `json.items.0.name` → `items`, `slug` → `slug`. */
export function formField(field: string): string {
  const parts = field.split('.');
  const rest = ['json', 'query', 'param', 'header', 'body'].includes(parts[0] ?? '') ? parts.slice(1) : parts;
  return rest[0] ?? '';
}

function isForeignProblemError(error: unknown): error is { problem: Problem } {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { [BRAND]?: unknown; name?: unknown; problem?: unknown };
  return (candidate[BRAND] === true || candidate.name === 'ProblemError') && typeof candidate.problem === 'object' && candidate.problem !== null;
}

/** True for a ProblemError from any bundle (the shell's or this module's). */
export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError || isForeignProblemError(error);
}

/**
 * This bundle's ProblemError for an error from any bundle, so its methods are the ones this code was built with;
 * null when the error is not a problem at all.
 */
export function asProblemError(error: unknown): ProblemError | null {
  if (error instanceof ProblemError) return error;
  if (isForeignProblemError(error)) return new ProblemError(error.problem);
  return null;
}

function isProblemBody(value: unknown): value is Partial<Problem> & { title: string } {
  return typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string';
}

/** Turns a non-2xx response into a ProblemError, whatever its body; the fallback titles are Chinese like the services'. */
export async function problemFromResponse(response: Response): Promise<ProblemError> {
  let body: unknown = null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  if (isProblemBody(body)) {
    const known = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors']);
    const extensions = Object.fromEntries(Object.entries(body).filter(([key]) => !known.has(key)));
    return new ProblemError({
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status: typeof body.status === 'number' ? body.status : response.status,
      ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
      ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
      ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
      ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    });
  }
  return new ProblemError({
    type: 'about:blank',
    title: response.status >= 500 ? zhCN.errors.server : zhCN.errors.unknown,
    status: response.status,
    detail: `HTTP ${response.status}`,
  });
}

export function networkProblem(cause: unknown): ProblemError {
  const error = new ProblemError({
    type: 'about:blank',
    title: zhCN.errors.network,
    status: 0,
    detail: zhCN.errors.networkDetail,
  });
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
}
