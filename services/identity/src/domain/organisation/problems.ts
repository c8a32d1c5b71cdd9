import { HttpProblem, isUniqueViolation } from '@yingshang/service-kit';

/**
 * A field the service refused after zod accepted it (a parent that does not exist, a permission the tenant may
 * not grant): the same shape as a validation failure, so a form puts the message under the same field.
 */
export function fieldProblem(field: string, message: string): HttpProblem {
  return new HttpProblem(400, 'validation', '请求参数有误', `${field}: ${message}`, { errors: [{ field, message }] });
}

/** A unique value already taken: 409, naming the field so the form can say which one. */
export function duplicate(field: string, message: string): HttpProblem {
  return new HttpProblem(409, 'duplicate', '数据重复', message, { errors: [{ field, message }] });
}

/** A state that forbids the change (a department that still has users, a built-in role): 409 with its own type. */
export function refused(type: string, title: string, detail: string, extra?: Record<string, unknown>): HttpProblem {
  return new HttpProblem(409, type, title, detail, extra);
}

/** An action that would lock the caller out of their own account or role. */
export function selfLockout(field: string, message: string): HttpProblem {
  return new HttpProblem(409, 'self-lockout', '不能对自己执行此操作', message, { errors: [{ field, message }] });
}

/**
 * Runs a write and turns a unique-index violation into a 409 naming the field. The database decides, not a
 * check-then-insert, so two concurrent requests cannot both pass; the failed transaction has rolled back.
 */
export async function uniqueFields<T>(run: () => Promise<T>, fields: Record<string, { field: string; message: string }>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    for (const [constraint, { field, message }] of Object.entries(fields)) {
      if (isUniqueViolation(err, constraint)) throw duplicate(field, message);
    }
    throw err;
  }
}
