import { HttpProblem } from '@yingshang/service-kit';

/** Cloudflare's Rate Limiting binding (see wrangler.jsonc `ratelimits`); absent in unit tests. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export async function rateLimit(limiter: RateLimiter | undefined, key: string, message: string): Promise<void> {
  if (!limiter) return;
  const { success } = await limiter.limit({ key });
  if (!success) throw new HttpProblem(429, 'too-many-requests', '请求过于频繁', message);
}
