import { type ImportRowError } from '@yingshang/contracts';
import { HttpProblem, isUniqueViolation } from '@yingshang/service-kit';

export interface FieldError {
  field: string;
  message: string;
}

/** A field the service refused after zod accepted it: the same shape as a validation failure. */
export function fieldProblem(field: string, message: string): HttpProblem {
  return fieldsProblem([{ field, message }]);
}

export function fieldsProblem(errors: FieldError[], status: 400 | 422 = 400): HttpProblem {
  return new HttpProblem(status, 'validation', '请求参数有误', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** A rule of the domain refused the change (a stage out of order): 409 naming the field. */
export function ruleProblem(type: string, title: string, field: string, message: string, extra?: Record<string, unknown>): HttpProblem {
  return new HttpProblem(409, type, title, message, { errors: [{ field, message }], ...extra });
}

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

/** An import refused whole: every row error at once, so people fix the file in one go. */
export function importProblem(errors: ImportRowError[], detail?: string): HttpProblem {
  const shown = errors.slice(0, 500);
  return new HttpProblem(
    422,
    'import-invalid',
    '导入文件有误，未导入任何数据',
    detail ?? `共 ${errors.length} 处错误，请修改后重新导入`,
    { rows: shown, truncated: errors.length > shown.length },
  );
}
