import autocannon from 'autocannon';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  /** Requests (or query sequences) per second. */
  rps: number;
  count: number;
  errors: number;
}

export function percentiles(samples: number[], seconds: number, errors = 0): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN);
  return { p50: at(50), p95: at(95), p99: at(99), rps: s.length / seconds, count: s.length, errors };
}

/**
 * HTTP load with autocannon: `connections` keep-alive connections for `seconds`; each response's own time is kept
 * so p95 is exact (autocannon's summary has p90 and p97.5, not p95).
 */
export async function httpLoad(opts: { url: string; headers: Record<string, string>; connections: number; seconds: number }): Promise<Latency> {
  const samples: number[] = [];
  let bad = 0;
  // Without a callback autocannon returns its instance, which is also a promise of the result.
  const instance = autocannon({
    url: opts.url,
    headers: opts.headers,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) samples.push(ms);
    else bad++;
  });
  const result = await instance;
  return percentiles(samples, opts.seconds, bad + result.errors + result.timeouts);
}

/** `concurrency` loops calling `once` for `seconds`: the raw-driver side, timed the same way. */
export async function loopLoad(once: () => Promise<unknown>, concurrency: number, seconds: number): Promise<Latency> {
  const samples: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await once();
          samples.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return percentiles(samples, seconds, errors);
}

export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}
