import {
  APPEAL_ACTIONS,
  APPEAL_STATUSES,
  APPEAL_TRANSITIONS,
  type AppealAction,
  type AppealStatus,
  DEFAULT_TIME_LIMITS,
  TIME_LIMIT_PRESETS,
  checkUscc,
  criteriaSchema,
  roleTemplatesFor,
  usccCheckChar,
  workingCalendar,
} from '@yingshang/contracts';
import { HttpProblem } from '@yingshang/service-kit';
import { describe, expect, it } from 'vitest';
import { type AppealState, type MachineEnv, allowedActions, applyAction, overdueOutcome, registrationDeadline } from '../src/domain/appeal-machine.ts';
import { type EnterpriseFacts, criteriaText, evaluate, yearsBetween } from '../src/domain/rules.ts';
import { CALENDAR_2026 } from './setup.ts';

const calendar = workingCalendar(CALENDAR_2026);

describe('USCC (GB 32100-2015)', () => {
  it('accepts codes whose check digit is right', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '11100000000013127D']) expect(checkUscc(code)).toMatchObject({ valid: true, warnings: [] });
    expect(checkUscc(' 91350100m000100y43 ').code).toBe('91350100M000100Y43');
  });
  it('computes the check character from weights 3^(i−1) mod 31', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('says which check failed: length, character set, check digit', () => {
    expect(checkUscc('91350100M000100Y4')).toMatchObject({ valid: false, failed: 'length' });
    expect(checkUscc('91350100M000100Y4').message).toContain('18 位');
    expect(checkUscc('91350100M00010OY43')).toMatchObject({ valid: false, failed: 'charset' });
    expect(checkUscc('91350100M00010OY43').message).toContain('第 15 位“O”');
    expect(checkUscc('91350100M000100Y44')).toMatchObject({ valid: false, failed: 'check_digit' });
    expect(checkUscc('91350100M000100Y44').message).toContain('应为“3”');
  });
  it('admits an allowlisted pilot code that fails the check digit, with a warning', () => {
    const r = checkUscc('91350100M000100Y44', ['91350100M000100Y44']);
    expect(r).toMatchObject({ valid: true, allowlisted: true });
    expect(r.warnings[0]).toContain('白名单');
    // The allowlist never rescues a wrong length or character.
    expect(checkUscc('9135', ['9135']).valid).toBe(false);
  });
  it('warns, without refusing, on an unknown first character', () => {
    const body = 'C1350100M000100Y4';
    const r = checkUscc(body + usccCheckChar(body));
    expect(r.valid).toBe(true);
    expect(r.warnings[0]).toContain('登记管理部门');
  });
});

describe('working days (weekends, holidays, 调休)', () => {
  it('skips weekends', () => {
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(calendar.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Saturday → Monday
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
  });
  it('skips the National Day holiday and counts its make-up Saturday', () => {
    // Assigned Tuesday 29 September, 7 working days: 30 Sep, then 8, 9, 10 (调休 Saturday), 12, 13, 14 October.
    expect(calendar.addWorkingDays('2026-09-29', 7)).toBe('2026-10-14');
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // Sunday worked
    expect(calendar.workingDaysBetween('2026-09-29', '2026-10-14')).toBe(7);
  });
  it('counts back for the last day an extension may be asked for', () => {
    expect(calendar.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(calendar.addWorkingDays('2026-11-30', -1)).toBe('2026-11-27');
  });
  it('gives deadlines from the presets (Jiaozuo 13710, Xuchang C5/B15/A30)', () => {
    const env = { today: '2026-11-26', calendar, limits: DEFAULT_TIME_LIMITS };
    expect(registrationDeadline('2026-11-27', env)).toBe('2026-11-30');
    expect(TIME_LIMIT_PRESETS.jiaozuo_13710.grades.map((g) => g.days)).toEqual([7, 30]);
    expect(TIME_LIMIT_PRESETS.xuchang_cba.grades.map((g) => [g.code, g.days])).toEqual([['C', 5], ['B', 15], ['A', 30]]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const ALL = new Set(roleTemplatesFor('district').find((t) => t.code === 'enterprise_service')!.permissions as readonly string[]);
const ENTERPRISE = new Set(roleTemplatesFor('district').find((t) => t.code === 'enterprise_user')!.permissions as readonly string[]);
const CADRE = new Set(roleTemplatesFor('district').find((t) => t.code === 'cadre')!.permissions as readonly string[]);
const env: MachineEnv = { today: '2026-11-26', calendar, limits: DEFAULT_TIME_LIMITS };

const state = (status: AppealStatus, over: Partial<AppealState> = {}): AppealState => ({
  status,
  grade: 'general',
  timeLimitDays: 7,
  registeredOn: '2026-11-20',
  assignedOn: status === 'registered' ? null : '2026-11-26',
  deadline: '2026-12-07',
  resolvedOn: status === 'resolution_reported' || status === 'rated' ? '2026-11-26' : null,
  followedUpOn: null,
  rating: status === 'rated' ? 'satisfied' : null,
  redoCount: 0,
  overdue: false,
  overdueSince: null,
  escalated: false,
  extensionPending: false,
  ...over,
});

const INPUTS: Record<AppealAction, Record<string, unknown>> = {
  assign: { assignedUnit: '市场监管局', coUnits: ['税务局'] },
  object: { reason: '不属于本单位职责' },
  reroute: { assignedUnit: '人社局' },
  accept: {},
  report_progress: { progress: '已对接银行' },
  request_extension: { days: 5, reason: '需省厅批复' },
  approve_extension: {},
  reject_extension: { reason: '理由不充分' },
  report_resolution: { resolution: '已放款', solved: true },
  follow_up: { method: 'call' },
  rate: { rating: 'satisfied' },
  close: {},
  escalate: { to: 'city_office', reason: '涉及多部门' },
};

function attempt(a: AppealState, action: AppealAction, perms: ReadonlySet<string>, own: boolean, input = INPUTS[action]) {
  try {
    return { ok: applyAction(a, action, input, { permissions: perms, ownEnterprise: own }, env, a.extensionPending ? { id: 'x', days: 5 } : null) };
  } catch (err) {
    if (err instanceof HttpProblem) return { err };
    throw err;
  }
}

describe('the appeal state machine', () => {
  // Every (state, action) pair: allowed exactly when the state is one the action may leave from.
  for (const status of APPEAL_STATUSES) {
    for (const action of APPEAL_ACTIONS) {
      const allowed = APPEAL_TRANSITIONS[action].from.includes(status);
      it(`${action} from ${status} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const a = state(status, action.endsWith('_extension') && action !== 'request_extension' ? { extensionPending: true } : {});
        const own = action === 'rate';
        const r = attempt(a, action, own ? ENTERPRISE : ALL, own);
        if (allowed) {
          expect(r.err, r.err?.message).toBeUndefined();
          const to = APPEAL_TRANSITIONS[action].to;
          if (to) expect(r.ok!.patch.status).toBe(to);
          expect(r.ok!.events.length).toBeGreaterThan(0);
        } else {
          expect(r.err?.status).toBe(409);
          expect(r.err?.body.type).toContain('appeal-transition');
        }
      });
    }
  }

  it('assigning sets the grade’s deadline in working days', () => {
    const r = attempt(state('registered'), 'assign', ALL, false, { assignedUnit: '金融局', grade: 'complex' })!.ok!;
    expect(r.patch).toMatchObject({ status: 'assigned', grade: 'complex', timeLimitDays: 30, assignedOn: '2026-11-26', deadline: calendar.addWorkingDays('2026-11-26', 30) });
    expect(() => applyAction(state('registered'), 'assign', { assignedUnit: 'x', grade: 'Z' }, { permissions: ALL, ownEnterprise: false }, env, null)).toThrow(/时限等级/);
  });

  it('objection only within 1 working day of assignment; re-routed the same day', () => {
    const a = state('assigned', { assignedOn: '2026-11-25' });
    expect(attempt(a, 'object', ALL, false).ok!.patch).toMatchObject({ status: 'objected', deadline: '2026-11-26' });
    const late = attempt(state('assigned', { assignedOn: '2026-11-24' }), 'object', ALL, false);
    expect(late.err?.status).toBe(422);
    expect(late.err?.body.type).toContain('appeal-window');
    // Assigned on Friday: Monday is still within the window (the weekend does not count).
    expect(attempt(state('assigned', { assignedOn: '2026-11-20' }), 'object', ALL, false, INPUTS.object).err?.status).toBe(422);
    const friday = { ...env, today: '2026-11-30' };
    expect(applyAction(state('assigned', { assignedOn: '2026-11-27' }), 'object', INPUTS.object, { permissions: ALL, ownEnterprise: false }, friday, null).patch.status).toBe('objected');
  });

  it('an extension must be asked at least one working day before the deadline', () => {
    expect(attempt(state('in_progress', { deadline: '2026-11-27' }), 'request_extension', ALL, false).ok!.newExtension).toMatchObject({ days: 5, previousDeadline: '2026-11-27' });
    const tooLate = attempt(state('in_progress', { deadline: '2026-11-26' }), 'request_extension', ALL, false);
    expect(tooLate.err?.status).toBe(422);
    expect(tooLate.err?.message).toContain('至少 1 个工作日');
    // Deadline on Monday: Friday is the last day to ask; on Saturday it is too late... and on Thursday fine.
    expect(attempt(state('in_progress', { deadline: '2026-11-30' }), 'request_extension', ALL, false).ok).toBeDefined();
    expect(attempt(state('in_progress', { extensionPending: true }), 'request_extension', ALL, false).err?.status).toBe(409);
  });

  it('approval moves the deadline by working days and clears the overdue flag; rejection keeps it', () => {
    const a = state('in_progress', { extensionPending: true, deadline: '2026-11-27' });
    expect(attempt(a, 'approve_extension', ALL, false).ok!.patch).toMatchObject({ deadline: '2026-12-04', extensionPending: false });
    expect(attempt(a, 'reject_extension', ALL, false).ok!.patch).toEqual({ extensionPending: false });
    expect(attempt(state('in_progress'), 'approve_extension', ALL, false).err?.status).toBe(409);
  });

  it('only the enterprise’s own user may rate; 不满意 or worse reopens (重办)', () => {
    const a = state('resolution_reported');
    expect(attempt(a, 'rate', ALL, false).err?.status).toBe(403);
    expect(attempt(a, 'rate', ENTERPRISE, false).err?.body.type).toContain('not-own-enterprise');
    for (const level of ['very_satisfied', 'satisfied', 'basically_satisfied'] as const) {
      expect(attempt(a, 'rate', ENTERPRISE, true, { rating: level }).ok!.patch.status).toBe('rated');
    }
    for (const level of ['dissatisfied', 'very_dissatisfied'] as const) {
      const r = attempt(a, 'rate', ENTERPRISE, true, { rating: level }).ok!;
      expect(r.patch).toMatchObject({ status: 'in_progress', redoCount: 1, resolvedOn: null, deadline: calendar.addWorkingDays('2026-11-26', 7) });
      expect(r.events.map((e) => e.kind)).toEqual(['rate', 'redo']);
    }
  });

  it('closing records on-time, and the working days it took', () => {
    const onTime = attempt(state('rated', { registeredOn: '2026-11-20', resolvedOn: '2026-11-25', deadline: '2026-11-25' }), 'close', ALL, false).ok!;
    expect(onTime.patch).toMatchObject({ status: 'closed', closedOn: '2026-11-26', closedOnTime: true, closeWorkdays: 4 });
    const late = attempt(state('rated', { resolvedOn: '2026-11-26', deadline: '2026-11-25' }), 'close', ALL, false).ok!;
    expect(late.patch.closedOnTime).toBe(false);
  });

  it('roles: a cadre may only register; the enterprise may only rate', () => {
    for (const action of APPEAL_ACTIONS) {
      const from = APPEAL_TRANSITIONS[action].from[0]!;
      const a = state(from, { extensionPending: action.endsWith('_extension') && action !== 'request_extension' });
      expect(attempt(a, action, CADRE, false).err?.status, action).toBe(403);
      if (action !== 'rate') expect(attempt(a, action, ENTERPRISE, true).err?.status, action).toBe(403);
    }
  });

  it('escalates once; follows up once', () => {
    expect(attempt(state('in_progress'), 'escalate', ALL, false).ok!.patch).toEqual({ escalated: true, escalatedTo: 'city_office' });
    expect(attempt(state('in_progress', { escalated: true }), 'escalate', ALL, false).err?.status).toBe(409);
    expect(attempt(state('resolution_reported', { followedUpOn: '2026-11-26' }), 'follow_up', ALL, false).err?.status).toBe(409);
  });

  it('lists the allowed actions for the caller', () => {
    expect(allowedActions(state('registered'), { permissions: ALL, ownEnterprise: false }, env)).toEqual(['assign', 'escalate']);
    expect(allowedActions(state('assigned'), { permissions: ALL, ownEnterprise: false }, env)).toEqual(['object', 'accept', 'escalate']);
    expect(allowedActions(state('resolution_reported'), { permissions: ENTERPRISE, ownEnterprise: true }, env)).toEqual(['rate']);
    expect(allowedActions(state('resolution_reported'), { permissions: ENTERPRISE, ownEnterprise: false }, env)).toEqual([]);
  });

  it('overdue: flagged once, escalated after the preset’s working days, idempotent', () => {
    const a = state('in_progress', { deadline: '2026-11-20' });
    const first = overdueOutcome(a, env)!;
    expect(first.patch).toMatchObject({ overdue: true, overdueSince: '2026-11-23', escalated: true, escalatedTo: 'city_office' });
    expect(first.events.map((e) => e.kind)).toEqual(['overdue', 'auto_escalate']);
    expect(overdueOutcome({ ...a, ...(first.patch as Partial<AppealState>) }, env)).toBeNull();
    // Past the deadline by one working day: flagged, not yet escalated (Jiaozuo preset escalates after 3).
    const recent = overdueOutcome(state('in_progress', { deadline: '2026-11-25' }), env)!;
    expect(recent.patch).toEqual({ overdue: true, overdueSince: '2026-11-26' });
    expect(overdueOutcome(state('in_progress', { deadline: '2026-11-26' }), env)).toBeNull();
    expect(overdueOutcome(state('resolution_reported', { deadline: '2026-11-01' }), env)).toBeNull();
    expect(overdueOutcome(state('closed', { deadline: '2026-11-01' }), env)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------

const facts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  division: '410105',
  industry: 'C',
  size: 'medium',
  aboveThreshold: true,
  certifications: ['specialized', 'smart_workshop'],
  revenue: '50000.00',
  tax: '1200.00',
  rdSpending: '3050.00',
  headcount: 300,
  insuredHeadcount: 280,
  foundedOn: '2015-06-01',
  ...over,
});

describe('the rules engine (免申即享)', () => {
  const criteria = criteriaSchema.parse([
    { field: 'aboveThreshold', op: 'is', value: true },
    { field: 'certifications', op: 'has', value: 'specialized' },
    { field: 'rdRatio', op: 'gte', value: 5 },
  ]);

  it('explains each criterion', () => {
    const e = evaluate(criteria, facts(), '2026-11-26');
    expect(e.verdict).toBe('eligible');
    expect(e.summary).toBe('符合：规上企业 ✓，专精特新 ✓，研发投入占比 6.1% ≥ 5% ✓');
  });

  it('says which criterion fails', () => {
    const e = evaluate(criteria, facts({ rdSpending: '1000' }), '2026-11-26');
    expect(e.verdict).toBe('ineligible');
    expect(e.results[2]).toMatchObject({ outcome: 'fail', text: '研发投入占比 2% < 5% ✗' });
    expect(evaluate(criteria, facts({ aboveThreshold: false }), '2026-11-26').results[0]!.text).toBe('非规上企业 ✗');
  });

  it('falls back to a quick application when the data cannot decide', () => {
    const e = evaluate(criteria, facts({ rdSpending: null }), '2026-11-26');
    expect(e.verdict).toBe('undecided');
    expect(e.results[2]!.text).toContain('缺少研发投入占比数据');
    const declared = evaluate(criteriaSchema.parse([{ field: 'declaration', op: 'declared', value: '近三年无重大安全事故' }]), facts(), '2026-11-26');
    expect(declared.verdict).toBe('undecided');
  });

  it('handles groups, sets, ranges and years since founding', () => {
    const c = criteriaSchema.parse([
      { any: [{ field: 'certifications', op: 'has', value: 'smart_workshop' }, { field: 'certifications', op: 'has', value: 'smart_factory' }] },
      { field: 'industry', op: 'in', value: ['C', 'I'] },
      { field: 'size', op: 'not_in', value: ['large'] },
      { field: 'headcount', op: 'between', value: [100, 1000] },
      { field: 'yearsSinceFounding', op: 'gte', value: 3 },
      { field: 'division', op: 'in', value: ['410105'] },
      { field: 'certifications', op: 'has_all', value: ['specialized', 'little_giant'] },
    ]);
    const e = evaluate(c, facts(), '2026-11-26');
    expect(e.results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'fail']);
    expect(e.results[6]!.text).toContain('缺少 专精特新“小巨人”');
    expect(yearsBetween('2015-06-01', '2026-05-31')).toBe(10);
    expect(yearsBetween('2015-06-01', '2026-06-01')).toBe(11);
    expect(criteriaText(c)[0]).toContain('智能车间');
  });

  it('refuses an unknown field, naming it', () => {
    const r = criteriaSchema.safeParse([{ field: 'aboveThreshold', op: 'is', value: true }, { field: 'profitMargin', op: 'gte', value: 5 }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: [1, 'field'] });
    expect(r.error!.issues[0]!.message).toContain('profitMargin');
    expect(criteriaSchema.safeParse([{ field: 'revenue', op: 'in', value: 5 }]).error!.issues[0]!.message).toContain('不支持');
    expect(criteriaSchema.safeParse([{ field: 'certifications', op: 'has', value: 'nobel' }]).error!.issues[0]!.message).toContain('nobel');
  });
});
