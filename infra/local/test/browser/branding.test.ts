import { launchBrowser, newProfile, screenshot } from '@yingshang/testing/browser';
import { DEMO_PASSWORD } from '@yingshang/seeds';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ port: 0, dataDir: null }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const primaryColour = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ys-primary').trim().toLowerCase());

async function signIn(page: Page, slug: string, username: string) {
  await page.goto(`${stack.tenantUrl(slug)}/login`);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('header-tenant-name').waitFor();
}

describe('two tenants, two brands', () => {
  it('shows each tenant host with its own name and colours on the sign-in page', async () => {
    const profile = await newProfile(browser);
    const page = await profile.newPage();
    const seen: Record<string, string> = {};
    for (const [slug, name] of [
      ['jinshui', '金水区'],
      ['erqi', '二七区'],
    ] as const) {
      await page.goto(`${stack.tenantUrl(slug)}/`);
      await expect.poll(() => page.getByTestId('sign-in-tenant-name').textContent()).toContain(name);
      expect(await page.title()).toContain(name);
      seen[slug] = await primaryColour(page);
      await screenshot(page, `sign-in-${slug}`);
    }
    const jinshui = (await (await stack.fetch(`${stack.tenantUrl('jinshui')}/api/identity/v1/public/tenant`)).json()) as { primaryColor: string };
    expect(seen.jinshui).toBe(jinshui.primaryColor.toLowerCase());
    expect(seen.jinshui).not.toBe(seen.erqi);
    await profile.close();
  });

  it('lists the tenants on the portal of the bare host', async () => {
    const profile = await newProfile(browser);
    const page = await profile.newPage();
    await page.goto(`${stack.url}/`);
    await page.getByTestId('portal-title').waitFor();
    await expect.poll(() => page.getByTestId('portal-tenant-link').count()).toBe(17);
    await screenshot(page, 'portal');
    await profile.close();
  });

  it('signs in, mounts the admin micro-frontend, survives a reload and signs out', async () => {
    const profile = await newProfile(browser);
    const page = await profile.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('401') && errors.push(m.text()));
    await signIn(page, 'jinshui', 'admin');
    expect(await page.getByTestId('header-tenant-name').textContent()).toContain('金水区');
    await screenshot(page, 'home-jinshui-admin');

    await page.goto(`${stack.tenantUrl('jinshui')}/admin/overview`);
    await page.getByTestId('admin-overview').waitFor();
    await expect.poll(() => page.getByTestId('admin-overview').textContent()).toContain('金水区');
    await screenshot(page, 'admin-overview-jinshui');

    // The access token lives in memory only; the httpOnly refresh cookie brings the session back.
    await page.reload();
    await page.getByTestId('admin-overview').waitFor();
    expect(await page.getByTestId('header-tenant-name').textContent()).toContain('金水区');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await page.reload();
    await page.getByTestId('sign-in-form').waitFor();
    expect(errors).toEqual([]);
    await profile.close();
  });

  it('a session on one tenant host is not a session on another', async () => {
    const profile = await newProfile(browser);
    const page = await profile.newPage();
    await signIn(page, 'jinshui', 'fgw');
    await page.goto(`${stack.tenantUrl('erqi')}/`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.getByTestId('sign-in-tenant-name').textContent()).toContain('二七区');
    await profile.close();
  });
});
