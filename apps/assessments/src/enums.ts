import type { ComputedMetric, Dimension, Direction, FormulaVersion, IndicatorSource, MissingPolicy, Normalisation, SupervisionCategory } from '@yingshang/contracts/assessments';

/**
 * The enumerations of `@yingshang/contracts/assessments` as plain arrays: importing the contract's constants would
 * bundle zod. `satisfies` keeps the two in step. Labels are in the locale files under `assessments.enums`.
 */
export const DIRECTIONS = ['higher', 'lower'] as const satisfies readonly Direction[];
export const DIMENSIONS = ['projects', 'enterprise', 'environment', 'observation', 'supervision'] as const satisfies readonly Dimension[];
export const SOURCES = ['computed', 'manual', 'tour', 'supervision'] as const satisfies readonly IndicatorSource[];
export const NORMALISATIONS = ['share_of_best', 'min_max', 'points'] as const satisfies readonly Normalisation[];
export const MISSING_POLICIES = ['zero', 'exclude'] as const satisfies readonly MissingPolicy[];
export const FORMULA_VERSIONS = ['v1', 'v2'] as const satisfies readonly FormulaVersion[];
export const SUPERVISION_CATEGORIES = ['resettlement_signing', 'resettlement_building', 'real_estate_resumption', 'urban_renewal', 'other'] as const satisfies readonly SupervisionCategory[];
export const METRICS = [
  'projects.completion_rate',
  'projects.start_rate',
  'projects.production_rate',
  'projects.ytd_investment',
  'projects.behind_schedule',
  'enterprise.close_rate',
  'enterprise.on_time_rate',
  'enterprise.resolve_rate',
  'enterprise.satisfaction_rate',
  'enterprise.follow_up_rate',
  'enterprise.avg_close_workdays',
  'enterprise.overdue',
  'enterprise.visits',
  'enterprise.benefit_paid_rate',
] as const satisfies readonly ComputedMetric[];

/** A metric's key in the locale files: message paths split on dots, so `projects.start_rate` is `projects_start_rate`. */
export const metricKey = (metric: string): string => metric.replace('.', '_');
