/** Bindings every service worker has; each worker's generated `Env` (wrangler types) must satisfy this. */
export interface KitEnv {
  /** Postgres connection string for this service's login role (a Worker secret in production). */
  DATABASE_URL: string;
  /** Local only: host:port of the WebSocket-to-TCP proxy in front of the embedded database. */
  DB_WS_PROXY?: string;
  /** HS256 key shared by identity (signs) and every service (verifies). */
  JWT_SECRET: string;
  /** The host under which tenants live as `<slug>.<BASE_DOMAIN>`, e.g. `localhost:8787` or `yingshang.gov.cn`. */
  BASE_DOMAIN: string;
  ENVIRONMENT?: string;
}
