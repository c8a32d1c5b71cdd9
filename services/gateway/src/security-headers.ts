import type { MiddlewareHandler } from 'hono';

const nonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

/**
 * Headers on every response, and a CSP with a per-response nonce on HTML: the shell's inline import map and boot
 * script carry the nonce (added here with HTMLRewriter), nothing else inline may run, and no other origin is
 * trusted for scripts.
 */
export const securityHeaders = (production: boolean): MiddlewareHandler => async (c, next) => {
  await next();
  const headers = new Headers(c.res.headers);
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  headers.set('x-frame-options', 'DENY');
  headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (production) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');

  const isHtml = headers.get('content-type')?.includes('text/html');
  let body: ReadableStream | null = c.res.body;
  if (c.res.status === 304) {
    // Headers of a 304 are merged into the cached response: adding a CSP here would replace the document's own.
  } else if (isHtml && c.res.body) {
    const n = nonce();
    headers.set(
      'content-security-policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${n}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    );
    headers.delete('content-length');
    headers.delete('etag');
    // A nonce is good for one response only: a cached copy would carry a nonce the new CSP does not allow.
    headers.set('cache-control', 'no-store');
    body = new HTMLRewriter()
      .on('script', {
        element: (el) => {
          el.setAttribute('nonce', n);
        },
      })
      .transform(new Response(c.res.body, { headers: c.res.headers })).body;
  } else if (new URL(c.req.url).pathname.startsWith('/api/')) {
    headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  }
  c.res = new Response(body, { status: c.res.status, statusText: c.res.statusText, headers });
};
