export * from './stack.ts';
export * from './ports.ts';
export * from './postgres-server.ts';
export { StartupError } from './database.ts';
