export * from './common.ts';
export * from './audit.ts';
export * from './identity.ts';
export * from './services.ts';
export * from './projects.ts';
export * from './enterprise.ts';
export * from './assessments.ts';
