import type { DeepPartial } from '@yingshang/ui';
import type { ShellMessages } from './zh-CN.ts';

/** English skeleton; missing keys fall back to zh-CN. */
export const shellEn: DeepPartial<ShellMessages> = {
  boot: { failed: 'The platform is unavailable', reload: 'Reload' },
  signIn: {
    pageTitle: 'Sign in',
    heading: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    remember: 'Remember username',
  },
  portal: { pageTitle: 'Choose your organisation', title: 'Business Environment Service Platform', enter: 'Enter' },
  layout: { profile: 'Profile', closeOthers: 'Close others', closeAll: 'Close all', changePassword: 'Change password', notices: 'Notices' },
  home: { tenantCard: 'Organisation', roleCard: 'My role', modulesCard: 'Modules', enter: 'Open', building: 'Coming soon' },
  menu: { home: 'Home' },
};
