import { HttpProblem, isUniqueViolation } from '@yingshang/service-kit';

export interface FieldError {
  field: string;
  message: string;
}

/** A field the service refused after zod accepted it: the same shape as a validation failure. */
export function fieldProblem(field: string, message: string, status: 400 | 422 = 400): HttpProblem {
  return fieldsProblem([{ field, message }], status);
}

export function fieldsProblem(errors: FieldError[], status: 400 | 422 = 400): HttpProblem {
  return new HttpProblem(status, 'validation', '请求参数有误', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** A rule of the domain refused the change (a closed period, a published ranking): 409 with the reason. */
export function ruleProblem(type: string, title: string, detail: string, extra?: Record<string, unknown>): HttpProblem {
  return new HttpProblem(409, type, title, detail, extra);
}

export const cityOnlyProblem = () =>
  new HttpProblem(403, 'city-only', '仅限市级操作', '此操作只能由市政府办（市级租户）执行');

export const frozenProblem = () =>
  ruleProblem('ranking-frozen', '排名已通报，不能修改', '已通报的排名连同其数据、权重和公式版本已冻结，不能重算或修改');

export const closedPeriodProblem = (code: string) =>
  ruleProblem('period-closed', '周期已关闭', `周期 ${code} 已关闭，不能再录入或修改数据`, { errors: [{ field: 'path.periodId', message: `周期 ${code} 已关闭` }] });

export function duplicate(field: string, message: string): HttpProblem {
  return new HttpProblem(409, 'duplicate', '数据重复', message, { errors: [{ field, message }] });
}

/** Unique-index violations become a 409 naming the field; the database decides, so concurrent writes cannot both pass. */
export async function uniqueFields<T>(run: () => Promise<T>, fields: Record<string, FieldError>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    for (const [constraint, { field, message }] of Object.entries(fields)) {
      if (isUniqueViolation(err, constraint)) throw duplicate(field, message);
    }
    throw err;
  }
}

export const districtOnly = (detail: string) => new HttpProblem(403, 'district-only', '仅限区县（市）操作', detail);
