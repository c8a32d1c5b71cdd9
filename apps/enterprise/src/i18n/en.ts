import type { DeepPartial } from '@yingshang/ui';
import type { EnterpriseMessages } from './zh-CN.ts';

/** English skeleton: anything missing falls back to zh-CN (the sections have no English yet). */
export const enterpriseEn: DeepPartial<EnterpriseMessages> = {
  enterprise: {
    backHome: 'Back to the module',
    loadFailed: 'Failed to load, please retry',
    appeals: { title: 'Appeal ledger', mineTitle: 'My appeals', submit: 'Submit an appeal', export: 'Export to Excel' },
  },
};
