import { zhCN } from '../i18n/zh-CN.ts';

/** RFC 9457 problem details, as every Yingshang service answers an error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** Thrown by the api client and the session for any answer that is not 2xx, and for network failures (status 0). */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}：${problem.detail}` : problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message for one form field, when the service named it among the fields at fault. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError;
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
    return new ProblemError({
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status: typeof body.status === 'number' ? body.status : response.status,
      ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
      ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
      ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
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
