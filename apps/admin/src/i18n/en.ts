import type { DeepPartial } from '@yingshang/ui';
import type { AdminMessages } from './zh-CN.ts';

export const adminEn: DeepPartial<AdminMessages> = {
  admin: {
    overview: { title: 'Organisation overview', basics: 'Basics', branding: 'Branding', modules: 'Modules', me: 'My account', permissions: 'Permissions' },
    comingSoon: { title: 'Coming soon' },
  },
};
