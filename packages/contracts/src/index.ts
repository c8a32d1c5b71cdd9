export * from './permissions.ts';
export * from './calendar.ts';
export * from './identity.ts';
export * from './tenancy.ts';
export * from './organisation.ts';
export * from './projects.ts';
export * from './assessments.ts';
export * from './enterprise.ts';
