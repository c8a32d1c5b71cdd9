// Secrets are not in wrangler.jsonc, so `wrangler types` cannot see them; they are declared here.
interface Env {
  DATABASE_URL: string;
  JWT_SECRET: string;
}
