import { ZERO, dec, div, fmt, fromInt, HUNDRED, mul } from './decimal.ts';

export interface TaskFacts {
  deadline: string;
  status: 'assigned' | 'in_progress' | 'done';
  completedOn: string | null;
  assignedOn: string;
}

/** Overdue: past the deadline and not done, or done after it. A late task stays counted against the tenant. */
export function isOverdue(task: TaskFacts, today: string): boolean {
  if (task.status === 'done') return task.completedOn !== null && task.completedOn > task.deadline;
  return today > task.deadline;
}

/**
 * 督查落实 for a period: of the tasks assigned by its end, the share (× 100) not overdue as of that day. Null when
 * the tenant had no task, so the ranking treats it as missing rather than as perfect.
 */
export function supervisionScore(tasks: TaskFacts[], periodEnd: string): { value: string | null; detail: Record<string, unknown> } {
  const relevant = tasks.filter((t) => t.assignedOn <= periodEnd);
  if (relevant.length === 0) return { value: null, detail: { tasks: 0, reason: '本期没有督查任务' } };
  const asOf = (t: TaskFacts): boolean => {
    if (t.status === 'done' && t.completedOn !== null && t.completedOn <= periodEnd) return t.completedOn > t.deadline;
    return periodEnd > t.deadline;
  };
  const overdue = relevant.filter(asOf).length;
  const value = div(mul(fromInt(relevant.length - overdue), HUNDRED), fromInt(relevant.length));
  return { value: fmt(value > ZERO ? value : dec('0'), 4), detail: { tasks: relevant.length, overdue } };
}
