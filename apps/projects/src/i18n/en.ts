import type { DeepPartial } from '@yingshang/ui';
import type { ProjectsMessages } from './zh-CN.ts';

/** English follows the Chinese: page titles and the enumerations first; the rest falls back to zh-CN. */
export const projectsEn: DeepPartial<ProjectsMessages> = {
  projects: {
    backToLedger: 'Back to the ledger',
    units: { wan: '10k CNY', yi: '100M CNY', ge: '' },
    enums: {
      stage: { planning: 'Planning', negotiating: 'Negotiating', signed: 'Signed', started: 'Started', constructing: 'Constructing', producing: 'In production', at_capacity: 'At capacity' },
      level: { provincial: 'Provincial', municipal: 'Municipal', district: 'District' },
      schedule: { ahead: 'Ahead', on_track: 'On track', behind: 'Behind', no_plan: 'No plan' },
    },
    ledger: { title: 'Project ledger', create: 'New project', import: 'Import', export: 'Export', view: 'View', fileReport: 'Report' },
    detail: { title: 'Project' },
    report: { title: 'Monthly report' },
    investment: { title: 'Monthly investment' },
    blockers: { title: 'Blockers' },
    batches: { title: 'Batches' },
    stats: { title: 'Dashboard' },
  },
};
