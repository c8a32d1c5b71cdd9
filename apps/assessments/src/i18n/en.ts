import type { DeepPartial } from '@yingshang/ui';
import type { AssessmentsMessages } from './zh-CN.ts';

/** English follows the Chinese: page titles first; the rest falls back to zh-CN. */
export const assessmentsEn: DeepPartial<AssessmentsMessages> = {
  assessments: {
    backHome: 'Back to rankings',
    dashboard: { title: 'Rankings' },
    district: { title: 'Our ranking' },
    publish: { title: 'Publish ranking' },
    targets: { title: 'Targets' },
    midYear: { title: 'Mid-year view' },
    indicators: { title: 'Indicators' },
    values: { title: 'Indicator values' },
    observations: { title: 'Observation tours' },
    scoring: { title: 'Scoring' },
    supervision: { title: 'Supervision' },
  },
};
