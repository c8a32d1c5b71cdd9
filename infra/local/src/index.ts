export * from './stack.ts';
export * from './ports.ts';
export { StartupError } from './database.ts';
