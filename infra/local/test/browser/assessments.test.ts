import { launchBrowser, newProfile, screenshot } from '@yingshang/testing/browser';
import { DEMO_PASSWORD } from '@yingshang/seeds';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

/**
 * Issue 6's acceptance, as a new user would try it: the city office opens the 赛马 dashboard, switches ranking groups,
 * opens one district's radar, then computes, reviews and publishes the current quarter's ranking (frozen, and a
 * recompute gives the same digits); a scorer uses the tour scoring screen on a tablet; 金水区 signs in on its own
 * host and sees its published rank, the change since last quarter and where it trails the benchmark. The demo seeds
 * publish every quarter that has ended and leave the current one as a draft.
 */

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ port: 0, dataDir: null }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const V1 = '/api/assessments/v1';
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

interface RankingEntry {
  tenantId: string;
  tenantName: string;
  rank: number;
  change: number | null;
  composite: string;
}
interface Ranking {
  id: string;
  periodId: string;
  periodCode: string;
  status: string;
  version: number;
  result: { entries: RankingEntry[] };
}

async function api<T>(tenant: string, path: string, init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await stack.fetch(`${stack.tenantUrl(tenant)}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const token = async (tenant: string, username: string) =>
  (await api<{ accessToken: string }>(tenant, '/api/identity/v1/auth/sign-in', { method: 'POST', json: { username, password: DEMO_PASSWORD } })).accessToken;

async function signIn(page: Page, tenant: string, username: string) {
  await page.goto(`${stack.tenantUrl(tenant)}/login`);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('header-tenant-name').waitFor();
}

/** Page errors and console errors, except the 401 the shell's first token refresh logs before sign-in. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('401') && errors.push(m.text()));
  return errors;
}

const assessmentsCall = (page: Page, method: string, test: (url: URL) => boolean): Promise<Response> =>
  page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname.startsWith(V1) && r.request().method() === method && test(url);
  });

/** A tablet: touch, and the viewport given. */
const tablet = (width: number, height: number): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width, height }, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

describe('assessments: the city office publishes the quarter, 金水区 reads its rank and gaps', () => {
  let published: Ranking;
  let jinshuiId: string;

  it('city office: dashboard, ranking groups, one district’s radar; computes, reviews and publishes the current quarter', async () => {
    const cityToken = await token('zhengzhou', 'admin');
    const context = await api<{ tenants: { id: string; slug: string | null }[] }>('zhengzhou', `${V1}/context`, { token: cityToken });
    jinshuiId = context.tenants.find((t) => t.slug === 'jinshui')!.id;
    const drafts = await api<{ items: { id: string; periodCode: string }[] }>('zhengzhou', `${V1}/rankings?status=draft`, { token: cityToken });
    expect(drafts.items.length).toBeGreaterThan(0);
    const draftPeriod = drafts.items[0]!.periodCode;

    const profile = await newProfile(browser);
    const page = await profile.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'zhengzhou', 'admin');
    await page.setViewportSize({ width: 1440, height: 1500 });

    // The dashboard opens on the latest ranking (the current quarter's draft, which only the city sees).
    await page.goto(`${stack.tenantUrl('zhengzhou')}/assessments/rankings`);
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr.el-table__row').first().waitFor();
    expect(await page.getByTestId('ranking-status').getAttribute('data-status')).toBe('draft');
    expect(await table.locator('[data-testid="rank-cell"]').count()).toBe(16);
    await screenshot(page, 'assessments-dashboard');

    // Ranking groups: 市内五区 holds five districts, ranked 1–5 within the group.
    await page.getByRole('tab', { name: '市内五区' }).click();
    await poll(() => table.getAttribute('data-group')).toBe('市内五区');
    await poll(() => table.locator('[data-testid="rank-cell"]').allTextContents()).toEqual(['1', '2', '3', '4', '5']);

    // One district's radar against the best and the average, and its trend over the published quarters.
    await table.getByTestId(`ranking-row-${jinshuiId}`).click();
    await page.locator(`[data-testid="tenant-radar"][data-tenant="${jinshuiId}"][data-ready="true"]`).waitFor();
    await page.locator('[data-testid="tenant-trend"][data-ready="true"]').waitFor();
    // The indicator breakdown of the row.
    await table.locator('tbody tr.el-table__row.is-selected .el-table__expand-icon').click();
    await page.getByTestId(`breakdown-${jinshuiId}`).waitFor();
    await screenshot(page, 'assessments-radar');

    // 导出 Excel: the ranking as a workbook, named for the period.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ranking-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // 排名发布: recompute the draft from today's inputs, review it (change against last quarter, missing inputs).
    await page.getByTestId('to-publish').click();
    const head = page.getByTestId('ranking-head');
    await head.waitFor();
    expect(await head.getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('formula-version').textContent()).toMatch(/^v\d+$/);
    const computed = assessmentsCall(page, 'POST', (url) => url.pathname === `${V1}/rankings`);
    await page.getByTestId('ranking-recompute').click();
    expect((await computed).status()).toBe(201);
    await page.getByTestId('ranking-diff').locator('tbody tr').first().waitFor();
    // The seeds give every district every required input, so nothing blocks the publish.
    expect(await page.getByTestId('publish-blocked').count()).toBe(0);
    await screenshot(page, 'assessments-review');

    const reviewed = assessmentsCall(page, 'POST', (url) => url.pathname.endsWith('/review'));
    await page.getByTestId('ranking-review').click();
    expect((await reviewed).status()).toBe(200);
    await poll(() => head.getAttribute('data-status')).toBe('reviewed');

    // Publishing asks first; cancelling leaves it reviewed.
    await page.getByTestId('ranking-publish').click();
    const dialog = page.locator('.el-message-box');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(draftPeriod.replace(/^(\d{4})Q(\d)$/, (_m, y: string, q: string) => `${y}年第${'一二三四'[Number(q) - 1]}季度`));
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await head.getAttribute('data-status')).toBe('reviewed');
    await page.getByTestId('ranking-publish').click();
    const publishedCall = assessmentsCall(page, 'POST', (url) => url.pathname.endsWith('/publish'));
    await page.locator('.el-message-box').getByRole('button', { name: '确认发布' }).click();
    expect((await publishedCall).status()).toBe(200);

    // Frozen: tagged 已发布, no more edits offered, and a recompute from the frozen inputs gives the same digits.
    await page.getByTestId('ranking-published-tag').waitFor();
    expect(await head.getAttribute('data-status')).toBe('published');
    expect(await page.getByTestId('ranking-recompute').count()).toBe(0);
    expect(await page.getByTestId('ranking-review').count()).toBe(0);
    await page.getByTestId('ranking-verify').click();
    await poll(() => page.getByTestId('verify-result').getAttribute('data-identical')).toBe('true');
    await screenshot(page, 'assessments-published');

    const rankingId = (await head.getAttribute('data-ranking-id'))!;
    published = await api<Ranking>('zhengzhou', `${V1}/rankings/${rankingId}`, { token: cityToken });
    expect(published.status).toBe('published');
    expect(published.periodCode).toBe(draftPeriod);

    expect(errors).toEqual([]);
    await profile.close();
  });

  it('a scorer on a tablet: one district at a time, large inputs that refuse more than the maximum', async () => {
    const cityToken = await token('zhengzhou', 'admin');
    const context = await api<{ tenants: { id: string; slug: string | null }[] }>('zhengzhou', `${V1}/context`, { token: cityToken });
    const [first, second] = [context.tenants.find((t) => t.slug === 'jinshui')!, context.tenants.find((t) => t.slug === 'erqi')!];
    const tour = await api<{ id: string; scorers: { id: string; name: string }[] }>('zhengzhou', `${V1}/tours`, {
      method: 'POST',
      token: cityToken,
      headers: { 'idempotency-key': crypto.randomUUID() },
      json: {
        name: '浏览器测试观摩',
        startsOn: '2026-12-08',
        endsOn: '2026-12-09',
        aggregation: 'trimmed_mean',
        criteria: [
          { code: 'quality', name: '项目质量', maxPoints: '30' },
          { code: 'progress', name: '建设进度', maxPoints: '40' },
          { code: 'presentation', name: '现场讲解', maxPoints: '30' },
        ],
        scorers: [
          { name: '张明', unit: '市发改委' },
          { name: '李华', unit: '市工信局' },
        ],
        sites: [
          { tenantId: first.id, projectName: '金水区智能传感器产业园' },
          { tenantId: second.id, projectName: '二七区数字经济产业园' },
        ],
      },
    });

    const profile = await tablet(1024, 768);
    const page = await profile.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'zhengzhou', 'admin');
    await page.goto(`${stack.tenantUrl('zhengzhou')}/assessments/observations/${tour.id}/score`);
    await page.getByTestId('scoring-page').waitFor();
    await page.getByTestId('scoring-scorer').click();
    await page.locator('.el-select-dropdown__item').filter({ hasText: '李华' }).click();
    const sheet = page.getByTestId('score-sheet');
    await sheet.waitFor();
    expect(await sheet.getAttribute('data-tenant')).toBe(first.id);

    // Touch targets: the inputs and buttons are at least 44 px high.
    for (const testId of ['score-quality', 'score-save-next']) {
      expect((await page.getByTestId(testId).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }

    // Above the maximum is refused on the spot, and nothing can be saved.
    await page.getByTestId('score-quality').fill('35');
    await poll(() => page.getByTestId('score-error-quality').textContent()).toBe('不能超过 30 分');
    expect(await page.getByTestId('score-save-next').isDisabled()).toBe(true);
    await page.getByTestId('score-quality').fill('28.5');
    await page.getByTestId('score-progress').fill('36');
    await page.getByTestId('score-presentation').fill('27');
    expect(await page.getByTestId('score-error-quality').textContent()).toBe('');
    expect(await page.getByTestId('score-total').getAttribute('data-total')).toBe('91.5');
    await screenshot(page, 'assessments-scoring-landscape');

    const saved = assessmentsCall(page, 'PUT', (url) => url.pathname.endsWith(`/tours/${tour.id}/scores`));
    await page.getByTestId('score-save-next').click();
    expect((await saved).status()).toBe(200);
    await poll(() => sheet.getAttribute('data-tenant')).toBe(second.id);

    // Upright: the same sheet, nothing cut off.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByTestId('score-quality').fill('25');
    await page.getByTestId('score-progress').fill('30');
    await page.getByTestId('score-presentation').fill('20');
    await screenshot(page, 'assessments-scoring-portrait');
    const saveBox = (await page.getByTestId('score-save').boundingBox())!;
    expect(saveBox.x + saveBox.width).toBeLessThanOrEqual(768);
    const savedSecond = assessmentsCall(page, 'PUT', (url) => url.pathname.endsWith(`/tours/${tour.id}/scores`));
    await page.getByTestId('score-save').click();
    expect((await savedSecond).status()).toBe(200);

    // Saved for this scorer only.
    const sheets = await api<{ items: { scorerId: string; tenantId: string; total: string }[] }>('zhengzhou', `${V1}/tours/${tour.id}/scores`, { token: cityToken });
    const scorer = tour.scorers.find((s) => s.name === '李华')!.id;
    expect(sheets.items.filter((s) => s.scorerId === scorer).map((s) => [s.tenantId, Number(s.total)])).toEqual(
      expect.arrayContaining([
        [first.id, 91.5],
        [second.id, 75],
      ]),
    );
    expect(sheets.items.every((s) => s.scorerId === scorer)).toBe(true);

    expect(errors).toEqual([]);
    await profile.close();
  });

  it('金水区 sees its published rank, the change since last quarter and where it trails the benchmark', async () => {
    const mine = published.result.entries.find((e) => e.tenantId === jinshuiId)!;
    const districtToken = await token('jinshui', 'ducha');
    const gaps = await api<{ indicators: { code: string; trailing: boolean }[] }>('jinshui', `${V1}/gaps?periodId=${published.periodId}`, { token: districtToken });

    const profile = await newProfile(browser);
    const page = await profile.newPage();
    const errors = watchErrors(page);
    await signIn(page, 'jinshui', 'ducha');
    await page.setViewportSize({ width: 1440, height: 1800 });
    await page.goto(`${stack.tenantUrl('jinshui')}/assessments/rankings`);
    await page.getByTestId('district-page').waitFor();

    // The quarter just published, with its rank and the change against the previous quarter.
    const rank = page.getByTestId('district-rank');
    await poll(() => rank.getAttribute('data-rank')).toBe(String(mine.rank));
    expect(await rank.getAttribute('data-change')).toBe(mine.change === null ? '' : String(mine.change));
    expect(await rank.getByTestId('rank-change').getAttribute('data-value')).toBe(mine.change === null ? '' : String(mine.change));

    // The gaps: every weighted indicator, the trailing ones flagged as the service says.
    const gapRows = page.getByTestId('gaps-table').locator('[data-testid^="gap-"]');
    await poll(() => gapRows.count()).toBe(gaps.indicators.length);
    const trailing = gaps.indicators.filter((i) => i.trailing).map((i) => `gap-${i.code}`).sort();
    expect((await page.locator('[data-testid^="gap-"][data-trailing="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).sort()).toEqual(trailing);
    await page.getByTestId('trailing-only').click();
    await poll(() => gapRows.count()).toBe(trailing.length);
    await page.getByTestId('trailing-only').click();
    // The radar and the trend sit below the fold and load ECharts only when scrolled to.
    await page.getByTestId('district-charts').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="tenant-radar"][data-ready="true"]').waitFor();
    await screenshot(page, 'assessments-district');

    // Only published periods are offered, and none of the city's actions.
    const publishedPeriods = await api<{ items: { status: string }[] }>('jinshui', `${V1}/rankings`, { token: districtToken });
    await page.getByTestId('district-period').click();
    await poll(() => page.locator('.el-select-dropdown__item:visible').count()).toBe(publishedPeriods.items.length);
    expect(publishedPeriods.items.every((r) => r.status === 'published')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('to-publish').count()).toBe(0);
    await page.goto(`${stack.tenantUrl('jinshui')}/assessments/rankings/publish`);
    await page.getByTestId('assessments-not-found').waitFor();

    expect(errors).toEqual([]);
    await profile.close();
  });
});
