import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deployRoot, services, type Environment, type Service } from './config.ts';

/**
 * What provisioning hands to the deploy: the owner's connection string (migrations only, never a Worker secret),
 * one connection string per service login role, and the JWT secret every service shares. Kept in a git-ignored
 * file readable by its owner only; CI passes the same values as environment variables instead.
 */
export interface DeploySecrets {
  ownerUrl: string;
  jwtSecret: string;
  databaseUrls: Record<Service, string>;
  neon?: { projectId: string; branchId: string; branch: string; host: string; database: string };
}

export function secretsPath(env: Environment): string {
  return join(deployRoot, '.secrets', `${env}.json`);
}

export function writeSecrets(path: string, secrets: DeploySecrets): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Environment variables win over the file, so CI needs no file: DATABASE_OWNER_URL, JWT_SECRET, DATABASE_URL_<SERVICE>. */
export function readSecrets(path: string, env: NodeJS.ProcessEnv = process.env): DeploySecrets | null {
  const file = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DeploySecrets) : null;
  const fromEnv = (service: Service) => env[`DATABASE_URL_${service.toUpperCase()}`];
  const ownerUrl = env.DATABASE_OWNER_URL ?? file?.ownerUrl;
  const jwtSecret = env.JWT_SECRET ?? file?.jwtSecret;
  const databaseUrls = Object.fromEntries(services.map((s) => [s, fromEnv(s) ?? file?.databaseUrls?.[s]]));
  if (!ownerUrl || !jwtSecret || services.some((s) => !databaseUrls[s])) return null;
  return { ownerUrl, jwtSecret, databaseUrls: databaseUrls as Record<Service, string>, ...(file?.neon ? { neon: file.neon } : {}) };
}

/** Passwords for login roles and the JWT secret: URL-safe, so they go into a connection string unescaped. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function connectionString(p: { role: string; password: string; host: string; database: string }): string {
  return `postgresql://${encodeURIComponent(p.role)}:${encodeURIComponent(p.password)}@${p.host}/${encodeURIComponent(p.database)}?sslmode=require`;
}

/** A connection string fit to print: the password replaced, everything else kept so it can be checked by eye. */
export function redact(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+:)[^@]*@/, '$1****@');
}

export function redactSecret(value: string): string {
  return value.startsWith('<') ? value : `****(${value.length} chars)`;
}
