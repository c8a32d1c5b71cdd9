import { createEnterpriseApp } from './app.ts';

const app = createEnterpriseApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
