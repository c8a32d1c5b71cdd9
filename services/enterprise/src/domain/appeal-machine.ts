import {
  APPEAL_TRANSITIONS,
  type ActionRefusal,
  type AppealAction,
  type AppealActionContext,
  type AppealStatus,
  type EscalationTarget,
  type Satisfaction,
  type TimeLimitSettings,
  type WorkingCalendar,
  allowedAppealActions,
  appealActionLabels,
  appealActionRefusal,
  appealActionRequests,
  appealStatusLabels,
  isSatisfied,
} from '@yingshang/contracts';
import { HttpProblem } from '@yingshang/service-kit';
import type { z } from 'zod';

/**
 * The appeal life cycle applied to one appeal: which actions the caller may take now, and what taking one changes
 * (fields, timeline events, extension requests). Pure — the routes load the row and the calendar, call this, and
 * write what it returns in one transaction; a refusal throws before anything is written.
 */

export interface AppealState {
  status: AppealStatus;
  grade: string;
  timeLimitDays: number;
  registeredOn: string;
  assignedOn: string | null;
  deadline: string;
  resolvedOn: string | null;
  followedUpOn: string | null;
  rating: Satisfaction | null;
  redoCount: number;
  overdue: boolean;
  overdueSince: string | null;
  escalated: boolean;
  extensionPending: boolean;
}

export interface Caller {
  permissions: ReadonlySet<string>;
  /** The caller speaks for the appeal's own enterprise. */
  ownEnterprise: boolean;
}

export interface MachineEnv {
  today: string;
  calendar: WorkingCalendar;
  limits: TimeLimitSettings;
}

export interface PendingExtension {
  id: string;
  days: number;
}

export interface EventDraft {
  kind: string;
  fromStatus: AppealStatus | null;
  toStatus: AppealStatus | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface ActionOutcome {
  patch: Record<string, unknown>;
  events: EventDraft[];
  /** A new extension request to insert. */
  newExtension?: { days: number; reason: string; previousDeadline: string };
  /** The pending extension decided. */
  decideExtension?: { status: 'approved' | 'rejected'; newDeadline: string | null; note: string | null };
}

export function actionContext(a: AppealState, caller: Caller, env: MachineEnv): AppealActionContext {
  const { today, calendar, limits } = env;
  return {
    status: a.status,
    permissions: caller.permissions,
    ownEnterprise: caller.ownEnterprise,
    extensionPending: a.extensionPending,
    escalated: a.escalated,
    followedUp: a.followedUpOn !== null,
    objectionOpen: a.status === 'assigned' && a.assignedOn !== null && today <= calendar.addWorkingDays(a.assignedOn, limits.objectDays),
    extensionOpen: today <= calendar.addWorkingDays(a.deadline, -1),
  };
}

export const allowedActions = (a: AppealState, caller: Caller, env: MachineEnv): AppealAction[] =>
  allowedAppealActions(actionContext(a, caller, env));

export function gradeDays(limits: TimeLimitSettings, code: string): number {
  const grade = limits.grades.find((g) => g.code === code);
  if (!grade) {
    const message = `时限等级“${code}”不在本单位的时限设置中（可选：${limits.grades.map((g) => g.code).join('、')}）`;
    throw new HttpProblem(400, 'validation', '请求参数有误', message, { errors: [{ field: 'json.grade', message }] });
  }
  return grade.days;
}

/** The deadline of a new appeal: it must be assigned within the preset's working days. */
export const registrationDeadline = (registeredOn: string, env: MachineEnv) => env.calendar.addWorkingDays(registeredOn, env.limits.assignDays);

function refusalProblem(action: AppealAction, refusal: ActionRefusal, a: AppealState, env: MachineEnv): HttpProblem {
  const label = appealActionLabels[action];
  const extra = { action, status: a.status };
  switch (refusal) {
    case 'state': {
      const from = APPEAL_TRANSITIONS[action].from.map((s) => appealStatusLabels[s]).join('、');
      return new HttpProblem(409, 'appeal-transition', '当前状态不能执行此操作', `诉求处于“${appealStatusLabels[a.status]}”，不能${label}（仅限：${from}）`, extra);
    }
    case 'permission':
      return new HttpProblem(403, 'forbidden', '没有权限', `当前账号不能${label}`, extra);
    case 'not_own_enterprise':
      return new HttpProblem(403, 'not-own-enterprise', '只能由提出诉求的企业评价', '评价须由该诉求所属企业的用户本人提交', extra);
    case 'window':
      if (action === 'object') {
        const last = a.assignedOn ? env.calendar.addWorkingDays(a.assignedOn, env.limits.objectDays) : a.deadline;
        return new HttpProblem(422, 'appeal-window', '已过异议期限', `异议须在交办后 ${env.limits.objectDays} 个工作日内提出（最晚 ${last}）`, { ...extra, lastDay: last });
      }
      {
        const last = env.calendar.addWorkingDays(a.deadline, -1);
        return new HttpProblem(422, 'appeal-window', '延期申请提出过晚', `延期须在办结时限（${a.deadline}）前至少 1 个工作日提出，最晚 ${last}`, { ...extra, lastDay: last });
      }
    case 'pending':
      return action === 'request_extension'
        ? new HttpProblem(409, 'extension-pending', '已有待审批的延期申请', '请等待上一次延期申请审批后再申请', extra)
        : new HttpProblem(409, 'no-pending-extension', '没有待审批的延期申请', '该诉求当前没有待审批的延期申请', extra);
    case 'done':
      return action === 'escalate'
        ? new HttpProblem(409, 'already-escalated', '诉求已升级', '该诉求已经升级，无需重复升级', extra)
        : new HttpProblem(409, 'already-followed-up', '已回访', '该诉求已经回访', extra);
  }
}

export type ActionInput<A extends AppealAction> = z.output<(typeof appealActionRequests)[A]>;

/** Applies one action, or throws the problem that refuses it. */
export function applyAction(
  a: AppealState,
  action: AppealAction,
  input: Record<string, unknown>,
  caller: Caller,
  env: MachineEnv,
  pending: PendingExtension | null,
): ActionOutcome {
  const refusal = appealActionRefusal(action, actionContext(a, caller, env));
  if (refusal) throw refusalProblem(action, refusal, a, env);
  const { today, calendar } = env;
  const to = APPEAL_TRANSITIONS[action].to;
  const event = (kind: string, toStatus: AppealStatus | null, note: string | null, data: Record<string, unknown> | null = null): EventDraft => ({
    kind,
    fromStatus: a.status,
    toStatus,
    note,
    data,
  });
  const str = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : null);

  switch (action) {
    case 'assign':
    case 'reroute': {
      const grade = action === 'assign' && typeof input.grade === 'string' && input.grade ? input.grade : a.grade;
      // Re-routing keeps the appeal's own limit even if the tenant has since renamed its grades.
      const days = action === 'reroute' && !env.limits.grades.some((g) => g.code === grade) ? a.timeLimitDays : gradeDays(env.limits, grade);
      const deadline = calendar.addWorkingDays(today, days);
      const coUnits = (input.coUnits as string[] | undefined) ?? [];
      return {
        patch: {
          status: to,
          grade,
          timeLimitDays: days,
          assignedUnit: input.assignedUnit,
          assignedDepartmentId: input.assignedDepartmentId ?? null,
          coUnits,
          assignedOn: today,
          deadline,
          overdue: false,
          overdueSince: null,
        },
        events: [event(action, to, str('note'), { assignedUnit: input.assignedUnit, coUnits, grade, timeLimitDays: days, deadline })],
      };
    }
    case 'object':
      // Re-routed the same day: the deadline of the objected appeal is today.
      return { patch: { status: to, deadline: today }, events: [event('object', to, str('reason'), { reason: input.reason })] };
    case 'accept': {
      const progressDue = calendar.addWorkingDays(today, env.limits.progressDays);
      return { patch: { status: to, acceptedOn: today }, events: [event('accept', to, str('note'), { progressDue, deadline: a.deadline })] };
    }
    case 'report_progress':
      return { patch: {}, events: [event('report_progress', null, str('progress'))] };
    case 'request_extension': {
      const days = input.days as number;
      return {
        patch: { extensionPending: true },
        events: [event('request_extension', null, str('reason'), { days, deadline: a.deadline, proposedDeadline: calendar.addWorkingDays(a.deadline, days) })],
        newExtension: { days, reason: input.reason as string, previousDeadline: a.deadline },
      };
    }
    case 'approve_extension': {
      const newDeadline = calendar.addWorkingDays(a.deadline, pending!.days);
      const stillOverdue = a.overdue && newDeadline < today;
      return {
        patch: { extensionPending: false, deadline: newDeadline, overdue: stillOverdue, overdueSince: stillOverdue ? a.overdueSince : null },
        events: [event('approve_extension', null, str('note'), { days: pending!.days, previousDeadline: a.deadline, deadline: newDeadline })],
        decideExtension: { status: 'approved', newDeadline, note: str('note') },
      };
    }
    case 'reject_extension':
      return {
        patch: { extensionPending: false },
        events: [event('reject_extension', null, str('reason'), { days: pending!.days })],
        decideExtension: { status: 'rejected', newDeadline: null, note: str('reason') },
      };
    case 'report_resolution':
      return {
        patch: { status: to, resolvedOn: today, resolution: input.resolution, solved: input.solved },
        events: [event('report_resolution', to, str('resolution'), { solved: input.solved, onTime: today <= a.deadline })],
      };
    case 'follow_up':
      return { patch: { followedUpOn: today, followUpMethod: input.method }, events: [event('follow_up', null, str('note'), { method: input.method })] };
    case 'rate': {
      const rating = input.rating as Satisfaction;
      if (isSatisfied(rating)) {
        return { patch: { status: 'rated', rating, ratedOn: today }, events: [event('rate', 'rated', str('comment'), { rating })] };
      }
      // 不满意 or worse: 重办 — back to in progress with a fresh time limit; the rating stays on record.
      const deadline = calendar.addWorkingDays(today, a.timeLimitDays);
      return {
        patch: {
          status: 'in_progress',
          rating,
          ratedOn: today,
          redoCount: a.redoCount + 1,
          resolvedOn: null,
          solved: null,
          followedUpOn: null,
          followUpMethod: null,
          deadline,
          overdue: false,
          overdueSince: null,
        },
        events: [
          event('rate', 'in_progress', str('comment'), { rating }),
          { kind: 'redo', fromStatus: a.status, toStatus: 'in_progress', note: null, data: { redo: a.redoCount + 1, deadline } },
        ],
      };
    }
    case 'close': {
      const closedOnTime = a.resolvedOn !== null && a.resolvedOn <= a.deadline;
      const closeWorkdays = calendar.workingDaysBetween(a.registeredOn, today);
      return {
        patch: { status: to, closedOn: today, closedOnTime, closeWorkdays },
        events: [event('close', to, str('note'), { closedOnTime, closeWorkdays })],
      };
    }
    case 'escalate':
      return {
        patch: { escalated: true, escalatedTo: input.to as EscalationTarget },
        events: [event('escalate', null, str('reason'), { to: input.to })],
      };
  }
}

export const OPEN_FOR_OVERDUE: readonly AppealStatus[] = ['registered', 'assigned', 'objected', 'in_progress'];

/**
 * The overdue supervisor's rule for one appeal: flag it once when its deadline has passed (it is still being
 * worked on), and escalate it once when it has been overdue for the tenant's number of working days. Running it
 * again on the result changes nothing.
 */
export function overdueOutcome(a: AppealState, env: MachineEnv): ActionOutcome | null {
  if (!OPEN_FOR_OVERDUE.includes(a.status) || a.deadline >= env.today) return null;
  const patch: Record<string, unknown> = {};
  const events: EventDraft[] = [];
  const since = env.calendar.addWorkingDays(a.deadline, 1) <= env.today ? env.calendar.addWorkingDays(a.deadline, 1) : env.today;
  if (!a.overdue) {
    patch.overdue = true;
    patch.overdueSince = since;
    events.push({ kind: 'overdue', fromStatus: a.status, toStatus: null, note: `已超过办理时限（${a.deadline}）`, data: { deadline: a.deadline } });
  }
  const after = env.limits.escalateAfterDays;
  const daysOver = env.calendar.workingDaysBetween(a.deadline, env.today);
  if (!a.escalated && after !== null && daysOver >= after) {
    patch.escalated = true;
    patch.escalatedTo = env.limits.escalateTo;
    events.push({
      kind: 'auto_escalate',
      fromStatus: a.status,
      toStatus: null,
      note: `逾期 ${daysOver} 个工作日，按规则自动升级`,
      data: { to: env.limits.escalateTo, workdaysOverdue: daysOver },
    });
  }
  return events.length ? { patch, events } : null;
}
