export * from './database.ts';
export * from './fixture.ts';
export * from './problem.ts';
