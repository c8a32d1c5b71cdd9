import type {
  BlockerStatus,
  DoubleHalfStatus,
  ProjectCategory,
  ProjectLevel,
  ProjectStage,
  ScheduleStatus,
  Strategy,
} from '@yingshang/contracts/projects';

/**
 * The enumerations of `@yingshang/contracts/projects`, as plain arrays: importing the contract's own constants would
 * bundle zod with them. `satisfies` keeps the two in step (a value the contract drops fails to compile). Labels are
 * in the locale files under `projects.enums`.
 */
export const STAGES = ['planning', 'negotiating', 'signed', 'started', 'constructing', 'producing', 'at_capacity'] as const satisfies readonly ProjectStage[];
export const CATEGORIES = [
  'advanced_manufacturing',
  'emerging_industry',
  'digital_infrastructure',
  'major_infrastructure',
  'modern_services',
  'livelihood',
  'other',
] as const satisfies readonly ProjectCategory[];
export const LEVELS = ['provincial', 'municipal', 'district'] as const satisfies readonly ProjectLevel[];
export const STRATEGIES = [
  'innovation',
  'advantage_rebuild',
  'digital_transformation',
  'lane_change',
  'culture_tourism',
  'new_urbanization',
  'rural_revitalization',
  'green_low_carbon',
  'institutional_opening',
  'deepening_reform',
] as const satisfies readonly Strategy[];
export const SCHEDULES = ['ahead', 'on_track', 'behind', 'no_plan'] as const satisfies readonly ScheduleStatus[];
export const DOUBLE_HALF = ['achieved', 'missed', 'on_course', 'at_risk', 'no_plan'] as const satisfies readonly DoubleHalfStatus[];
export const BLOCKER_STATUSES = ['open', 'closed'] as const satisfies readonly BlockerStatus[];

/** Stages whose arrival carries a 三个一批 batch. */
export const MILESTONES: readonly ProjectStage[] = ['signed', 'started', 'producing'];

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/** Colours when the tenant's dictionary has no entry for a value. */
export const STAGE_TAGS: Record<ProjectStage, TagType> = {
  planning: 'info',
  negotiating: 'info',
  signed: 'primary',
  started: 'primary',
  constructing: 'warning',
  producing: 'success',
  at_capacity: 'success',
};
export const LEVEL_TAGS: Record<ProjectLevel, TagType> = { provincial: 'danger', municipal: 'warning', district: 'primary' };
export const SCHEDULE_TAGS: Record<ScheduleStatus, TagType> = { ahead: 'success', on_track: 'primary', behind: 'danger', no_plan: 'info' };
export const DOUBLE_HALF_TAGS: Record<DoubleHalfStatus, TagType> = {
  achieved: 'success',
  missed: 'danger',
  on_course: 'primary',
  at_risk: 'warning',
  no_plan: 'info',
};

/** Chart colours per stage, from planning grey to production green. */
export const STAGE_COLOURS: Record<ProjectStage, string> = {
  planning: '#a8b3c2',
  negotiating: '#7d8ea6',
  signed: '#4a7fd4',
  started: '#2f6bd8',
  constructing: '#e6a23c',
  producing: '#35a672',
  at_capacity: '#1f8a5b',
};
