import { createIdentityApp } from './app.ts';
import { workerArgon2 } from './argon2.ts';

const app = createIdentityApp({ argon2: workerArgon2 });

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
