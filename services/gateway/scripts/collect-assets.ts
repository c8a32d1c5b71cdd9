// Assembles the gateway's static assets: the shell at the root, each micro-frontend under /apps/<name>/, and the
// Swagger UI files for /api/docs (served from our own origin: the CSP allows no CDN).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const out = join(here, '..', 'public');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const shell = join(root, 'apps', 'shell', 'dist');
if (!existsSync(shell)) throw new Error('apps/shell/dist is missing: build the shell first (turbo does, via ^build)');
cpSync(shell, out, { recursive: true });

for (const name of readdirSync(join(root, 'apps'))) {
  const dist = join(root, 'apps', name, 'dist');
  if (name === 'shell' || !existsSync(dist)) continue;
  cpSync(dist, join(out, 'apps', name), { recursive: true });
}

const require = createRequire(import.meta.url);
const swagger = dirname(require.resolve('swagger-ui-dist/package.json'));
mkdirSync(join(out, 'docs'), { recursive: true });
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) cpSync(join(swagger, file), join(out, 'docs', file));
writeFileSync(
  join(out, 'docs', 'init.js'),
  `window.ui = SwaggerUIBundle({
  dom_id: '#swagger',
  urls: ['identity', 'projects', 'enterprise', 'assessments'].map((s) => ({ url: '/api/' + s + '/openapi.json', name: s })),
  deepLinking: true,
  persistAuthorization: false,
  layout: 'BaseLayout',
});
`,
);
writeFileSync(join(out, '.assetsignore'), '');
console.log(`gateway assets collected in ${out}`);
