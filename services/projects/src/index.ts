import { createProjectsApp } from './app.ts';

const app = createProjectsApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
