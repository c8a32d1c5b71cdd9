import type { SharedMessages } from './zh-CN.ts';
import type { DeepPartial } from './create.ts';

/** English skeleton: anything missing falls back to zh-CN. */
export const en: DeepPartial<SharedMessages> = {
  app: { name: 'Business Environment Service Platform' },
  common: {
    confirm: 'OK',
    cancel: 'Cancel',
    close: 'Close',
    back: 'Back',
    retry: 'Retry',
    refresh: 'Refresh',
    loading: 'Loading…',
    empty: 'No data',
    home: 'Home',
    signOut: 'Sign out',
    backHome: 'Back to home',
    save: 'Save',
    create: 'New',
    edit: 'Edit',
    delete: 'Delete',
    search: 'Search',
    reset: 'Reset',
    actions: 'Actions',
    copy: 'Copy',
    next: 'Next',
    previous: 'Back',
  },
  ui: {
    charts: { failed: 'The chart could not be loaded' },
    pager: { total: '{n} in all', size: '{n} per page', prev: 'Previous', next: 'Next', page: 'Page {n}' },
    search: { expand: 'More', collapse: 'Less' },
  },
  modules: { projects: 'Major projects', enterprise: 'Enterprise service', assessments: 'Assessments', admin: 'Administration' },
  errors: { network: 'Network error', server: 'Service unavailable', unknown: 'Request failed', sessionExpired: 'Session expired, please sign in again', stale: 'Changed by someone else', reload: 'Reload' },
  states: { underConstruction: 'This module is under construction', notFound: 'Page not found' },
};
