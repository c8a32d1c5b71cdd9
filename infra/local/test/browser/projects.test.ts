import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, newProfile, screenshot } from '@yingshang/testing/browser';
import { DEMO_PASSWORD } from '@yingshang/seeds';
import ExcelJS from 'exceljs';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

/**
 * Issue 4's acceptance, as a district's 发改委 user would try it on the district's host: find the projects behind
 * schedule, open one, file this month's report, see the year-to-date and the 双过半 status change, see a dashboard
 * figure move, export the ledger and open the file.
 */

let stack: Stack;
let browser: Browser;
const downloads = mkdtempSync(join(tmpdir(), 'ys-projects-'));
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ port: 0, dataDir: null }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(downloads, { recursive: true, force: true });
});

/** This month in Asia/Shanghai: the latest month a report may be filed for. */
const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const year = Number(thisMonth.slice(0, 4));
const monthNumber = Number(thisMonth.slice(5, 7));
/** A month of the first half other than this one, to move 双过半. */
const juneOrEarlier = `${year}-${String(Math.min(6, Math.max(monthNumber - 1, 1))).padStart(2, '0')}`;
/** The page's own loads (a module chunk, a query) take longer than expect.poll's one-second default. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const cents = (amount: string) => BigInt(amount.replace(/,/g, '').replace('.', ''));

async function api<T>(path: string, init: { method?: string; token?: string; json?: unknown } = {}): Promise<T> {
  const response = await stack.fetch(`${stack.tenantUrl('jinshui')}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * A project of its own, behind schedule (an annual plan and nothing completed yet), so the figures the test checks
 * do not depend on the demo data.
 */
async function behindProject(): Promise<{ id: string; code: string }> {
  const { accessToken } = await api<{ accessToken: string }>('/api/identity/v1/auth/sign-in', {
    method: 'POST',
    json: { username: 'fgw', password: DEMO_PASSWORD },
  });
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const project = await api<{ id: string }>('/api/projects/v1/projects', {
    method: 'POST',
    token: accessToken,
    json: {
      code,
      name: '金水区浏览器测试滞后项目',
      ownerUnit: '金水区测试建设有限公司',
      category: 'advanced_manufacturing',
      level: 'district',
      industry: '智能装备',
      totalInvestment: '50000.00',
      annualPlans: [{ year, plannedInvestment: '1200.00' }],
      stage: 'started',
      stageDate: `${year}-01-05`,
      actualStartDate: `${year}-01-05`,
      startBatch: `${year}Q1`,
    },
  });
  return { id: project.id, code };
}

async function signIn(page: Page) {
  await page.goto(`${stack.tenantUrl('jinshui')}/login`);
  await page.getByTestId('sign-in-username').fill('fgw');
  await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('header-tenant-name').waitFor();
}

const apiResponse = (page: Page, test: (url: URL, response: Response) => boolean) =>
  page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname.startsWith('/api/projects/v1/') && test(url, response);
  });

async function chooseMonth(page: Page, testId: string, month: string) {
  const input = page.getByTestId(testId).locator('input');
  await input.click();
  await input.fill(month);
  await input.press('Enter');
}

describe('projects: a 发改委 user on the district host', () => {
  it('finds a project behind schedule, files this month’s report, sees the figures move and exports the ledger', async () => {
    const fixture = await behindProject();
    const profile = await newProfile(browser);
    const page = await profile.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('401') && errors.push(m.text()));
    await signIn(page);

    // The dashboard for this month, before the report.
    await page.goto(`${stack.tenantUrl('jinshui')}/projects/stats?month=${thisMonth}`);
    const ytdCard = page.getByTestId('stat-ytd');
    await ytdCard.waitFor();
    const ytdBefore = (await ytdCard.getAttribute('data-amount'))!;
    await page.getByTestId('chart-stage').and(page.locator('[data-ready="true"]')).waitFor();
    await screenshot(page, 'projects-stats-before');

    // The ledger, filtered to the projects behind schedule.
    await page.getByTestId('menu-item-/projects/ledger').click();
    const table = page.getByTestId('project-table');
    await table.locator('tbody tr').first().waitFor();
    await screenshot(page, 'projects-ledger');
    const behind = apiResponse(page, (url) => url.pathname.endsWith('/projects') && url.searchParams.get('schedule') === 'behind');
    await page.getByTestId('filter-schedule').click();
    await page.getByTestId('schedule-option-behind').click();
    expect((await behind).ok()).toBe(true);
    const statuses = () => table.locator('[data-testid^="schedule-"]').evaluateAll((tags) => [...new Set(tags.map((t) => t.getAttribute('data-testid')))]);
    await poll(statuses).toEqual(['schedule-behind']);
    await screenshot(page, 'projects-ledger-behind');

    // Narrowed to our project, and opened.
    const narrowed = apiResponse(page, (url) => url.pathname.endsWith('/projects') && url.searchParams.get('q') === fixture.code);
    await page.getByTestId('filter-keyword').fill(fixture.code);
    await page.getByTestId('search-submit').click();
    await narrowed;
    await page.getByTestId(`project-row-${fixture.code}`).getByTestId('project-link').click();
    const detail = page.getByTestId('project-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-project-id')).toBe(fixture.id);
    expect(await page.getByTestId('progress-status').getAttribute('data-value')).toBe('behind');
    // The chart sits below the fold and loads ECharts when it comes into view.
    await page.getByTestId('investment-chart').scrollIntoViewIfNeeded();
    await page.getByTestId('investment-chart').and(page.locator('[data-ready="true"]')).waitFor();
    await screenshot(page, 'projects-detail');

    // 月度填报 opens on this month. First the first half: 双过半 moves from missed (or at risk) to achieved.
    await page.getByTestId('project-file-report').click();
    await page.getByTestId('report-page').waitFor();
    await poll(() => page.getByTestId('report-month').locator('input').inputValue()).toBe(thisMonth);
    const halfLoaded = apiResponse(page, (url) => url.pathname.endsWith(`/projects/${fixture.id}/reports`) && url.searchParams.get('month') === juneOrEarlier);
    await chooseMonth(page, 'report-month', juneOrEarlier);
    await halfLoaded;
    const halfBefore = await page.getByTestId('report-double-half-before').getAttribute('data-value');
    expect(['missed', 'at_risk']).toContain(halfBefore);
    await page.getByTestId('report-planned').fill('600');
    await page.getByTestId('report-completed').fill('600.00');
    const halfSaved = apiResponse(page, (url, r) => r.request().method() === 'PUT' && url.pathname.endsWith(`/reports/${juneOrEarlier}`));
    await page.getByTestId('report-submit').click();
    expect((await halfSaved).status()).toBe(201);
    await page.getByTestId('report-saved').waitFor();
    expect(await page.getByTestId('report-double-half-after').getAttribute('data-value')).toBe(monthNumber > 6 ? 'achieved' : 'on_course');
    await screenshot(page, 'projects-report-first-half');

    // Then this month's report: the year-to-date goes from 600 to 1,100 and the project catches up with 序时进度.
    const monthLoaded = apiResponse(page, (url) => url.pathname.endsWith(`/projects/${fixture.id}/reports`) && url.searchParams.get('month') === thisMonth);
    await chooseMonth(page, 'report-month', thisMonth);
    await monthLoaded;
    await poll(() => page.getByTestId('report-saved').count()).toBe(0);
    expect(await page.getByTestId('report-ytd-before').textContent()).toBe('600.00');
    const statusBefore = await page.getByTestId('report-status-before').getAttribute('data-value');
    await page.getByTestId('report-planned').fill('100.00');
    await page.getByTestId('report-completed').fill('500');
    await page.getByTestId('report-progress').fill('主体结构封顶，设备进场安装');
    const saved = apiResponse(page, (url, r) => r.request().method() === 'PUT' && url.pathname.endsWith(`/reports/${thisMonth}`));
    await page.getByTestId('report-submit').click();
    expect((await saved).status()).toBe(201);
    await page.getByTestId('report-saved').waitFor();
    expect(await page.getByTestId('report-ytd-after').textContent()).toBe('1,100.00');
    const statusAfter = await page.getByTestId('report-status-after').getAttribute('data-value');
    expect(statusAfter).not.toBe(statusBefore);
    expect(await page.getByTestId('report-double-half-after').getAttribute('data-value')).toBeTruthy();
    await screenshot(page, 'projects-report-this-month');

    // The dashboard of this month has moved by exactly what was filed.
    await page.getByTestId('report-to-stats').click();
    await page.getByTestId('projects-stats').waitFor();
    await page.locator(`[data-testid="stats-kpis"][data-as-of="${thisMonth}"]`).waitFor();
    const ytdAfter = (await ytdCard.getAttribute('data-amount'))!;
    expect(cents(ytdAfter) - cents(ytdBefore)).toBe(110_000n);
    await page.getByTestId('chart-category').and(page.locator('[data-ready="true"]')).waitFor();
    await screenshot(page, 'projects-stats-after');

    // The ledger to Excel: a real .xlsx with the ledger's columns and rows.
    await page.getByTestId('menu-item-/projects/ledger').click();
    await table.locator('tbody tr').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(header).toContain('项目编号');
    expect(sheet.actualRowCount).toBeGreaterThan(1);
    const codes = sheet.getColumn(header.indexOf('项目编号')).values.map(String);
    expect(codes).toContain(fixture.code);

    expect(errors).toEqual([]);
    await profile.close();
  });
});
