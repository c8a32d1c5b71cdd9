import { createGatewayApp } from './app.ts';

const app = createGatewayApp();

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
