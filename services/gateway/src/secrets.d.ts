// Secrets are not in wrangler.jsonc, so `wrangler types` cannot see them; they are declared here.
interface Env {
  /** Optional: when set, `/api/docs` and the OpenAPI documents are hidden unless this header value is sent. */
  DOCS_TOKEN?: string;
}
