import { gzipSync } from 'node:zlib';
import { type Browser, type Page, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ViewFigures {
  name: string;
  path: string;
  /** gzip bytes of everything but /api/ (HTML, JS, CSS, images, fonts). */
  assetBytes: number;
  apiBytes: number;
  requests: number;
  lcpMs: number | null;
  echarts: boolean;
}

/** Largest contentful paint of the current document, from the buffered PerformanceObserver entries. */
const LCP = `new Promise((resolve) => {
  let last = null;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve(last), 300);
})`;

async function measure(page: Page, name: string, url: string, ready: (page: Page) => Promise<void>): Promise<ViewFigures> {
  const pending: Promise<void>[] = [];
  let assetBytes = 0;
  let apiBytes = 0;
  let requests = 0;
  let echarts = false;
  page.on('response', (response) => {
    pending.push(
      (async () => {
        const body = await response.body().catch(() => null);
        if (!body) return;
        requests++;
        const gz = gzipSync(body, { level: 6 }).length;
        const u = new URL(response.url());
        if (u.pathname.startsWith('/api/')) apiBytes += gz;
        else assetBytes += gz;
        if (/echarts/i.test(u.pathname) || (/javascript/.test(response.headers()['content-type'] ?? '') && body.includes('echarts'))) echarts = true;
      })(),
    );
  });
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  await page.waitForLoadState('networkidle');
  const lcp = (await page.evaluate(LCP)) as number | null;
  await Promise.all(pending);
  page.removeAllListeners('response');
  return { name, path: new URL(url).pathname, assetBytes, apiBytes, requests, lcpMs: lcp, echarts };
}

/**
 * Sign-in page (a new visitor, empty cache) and each module's first view (signed in, cache disabled so every byte
 * counts), in headless Chromium against the running stack.
 */
export async function frontEnd(opts: { tenantUrl: string; username: string; password: string; modules: { name: string; path: string; ready: string }[] }): Promise<ViewFigures[]> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const out: ViewFigures[] = [];
    const fresh = async () => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      return page;
    };
    let page = await fresh();
    page.on('response', (r) => {
      if (r.status() >= 400) console.error(`front end: ${r.status()} ${r.url()}`);
    });
    try {
      out.push(await measure(page, 'sign-in page', `${opts.tenantUrl}/login`, (p) => p.getByTestId('sign-in-submit').waitFor()));
    } catch (err) {
      console.error(`front end: sign-in page: ${(err as Error).message.split('\n')[0]}`);
      return out;
    }
    await page.getByTestId('sign-in-username').fill(opts.username);
    await page.getByTestId('sign-in-password').fill(opts.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('header-tenant-name').waitFor({ timeout: 30_000 });
    await page.close();
    for (const m of opts.modules) {
      page = await fresh();
      try {
        out.push(await measure(page, `${m.name} first view`, `${opts.tenantUrl}${m.path}`, (p) => p.locator(m.ready).first().waitFor({ timeout: 30_000 })));
      } catch (err) {
        out.push({ name: `${m.name} first view`, path: m.path, assetBytes: Number.NaN, apiBytes: Number.NaN, requests: 0, lcpMs: null, echarts: false });
        console.error(`front end: ${m.name}: ${(err as Error).message.split('\n')[0]}`);
      }
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}
