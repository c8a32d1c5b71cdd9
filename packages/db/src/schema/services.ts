import { pgSchema } from 'drizzle-orm/pg-core';

// One Postgres schema per service; each service writes only its own. Their tables arrive with their modules.
export const projects = pgSchema('projects');
export const enterprise = pgSchema('enterprise');
export const assessments = pgSchema('assessments');
