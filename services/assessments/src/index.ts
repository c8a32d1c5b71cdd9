import { createAssessmentsApp } from './app.ts';

const app = createAssessmentsApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
