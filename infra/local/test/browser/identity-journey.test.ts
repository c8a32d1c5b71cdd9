import { launchBrowser, newProfile, screenshot } from '@yingshang/testing/browser';
import { DEMO_PASSWORD } from '@yingshang/seeds';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../src/stack.ts';

/**
 * The whole tenancy journey as people do it, in three browser profiles: the city office registers a district and
 * copies its invitation link; the district's administrator opens the link elsewhere, onboards (account, branding,
 * host, modules), signs in on the new host in its own colours, creates a department and a user with a role; that
 * user signs in, changes the initial password and sees only the modules the district enabled.
 */

let stack: Stack;
let browser: Browser;
const profiles: BrowserContext[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ port: 0, dataDir: null }), launchBrowser()]);
});
afterAll(async () => {
  for (const profile of profiles) await profile.close().catch(() => {});
  await browser?.close();
  await stack?.stop();
});

const DISTRICT = { name: '郑州东部新城', shortName: '东部新城', divisionCode: 'ZZ-DB01', slug: 'dongbu', color: '#8e1f5c' };
const ADMIN = { username: 'dbadmin', displayName: '林晓雯', password: 'Dongbu#2026!' };
const STAFF = { username: 'zhoufgw', displayName: '周建业', password: 'Init#Pass2026', next: 'Fgw#Dongbu2027' };
const DEPARTMENT = { name: '东部新城发展改革局', code: 'fgj' };

async function profile(): Promise<BrowserContext> {
  const context = await newProfile(browser);
  profiles.push(context);
  return context;
}

/**
 * Page errors fail the journey. Expected refusals are not errors: the silent session probe on a sign-in page (401),
 * the bare host's tenant lookup that makes it the portal (404), a host already taken (409), a spent invitation (410).
 */
function watchErrors(page: Page, into: string[]) {
  page.on('pageerror', (e) => into.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const resource = m.location().url;
    if (/\b(401|409|410)\b/.test(m.text()) || (/\b404\b/.test(m.text()) && resource.endsWith('/api/identity/v1/public/tenant'))) return;
    into.push(`${page.url()}: ${m.text()} (${resource})`);
  });
}

const primaryColour = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ys-primary').trim().toLowerCase());

async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/** Opens an Element Plus select (or tree select) and picks the option carrying `optionTestId`. */
async function pick(page: Page, selectTestId: string, optionTestId: string) {
  await page.getByTestId(selectTestId).click();
  const option = page.getByTestId(optionTestId);
  await option.waitFor();
  await option.click();
}

const isOk = (method: string, path: string) => (r: { url(): string; request(): { method(): string }; ok(): boolean }) =>
  r.request().method() === method && new URL(r.url()).pathname === path && r.ok();

describe('tenancy and identity, end to end', () => {
  let invitation = '';
  const errors: string[] = [];

  it('the city office registers a district and copies the one-time invitation link', async () => {
    const context = await profile();
    const page = await context.newPage();
    watchErrors(page, errors);
    await signIn(page, stack.tenantUrl('zhengzhou'), 'admin', DEMO_PASSWORD);
    await page.getByTestId('header-tenant-name').waitFor();

    await page.getByTestId('menu-module-admin').click();
    await page.getByTestId('menu-item-/admin/tenants').click();
    await page.getByTestId('tenant-table').waitFor();
    await expect.poll(() => page.getByTestId('tenant-row-410105').count()).toBe(1);
    await screenshot(page, 'journey-01-city-tenant-registry');

    await page.getByTestId('tenant-register').click();
    await page.getByTestId('tenant-form-name').fill(DISTRICT.name);
    await page.getByTestId('tenant-form-short-name').fill(DISTRICT.shortName);
    await page.getByTestId('tenant-form-division-code').fill(DISTRICT.divisionCode);
    await screenshot(page, 'journey-02-city-register-dialog');
    const registered = page.waitForResponse(isOk('POST', '/api/identity/v1/tenants'));
    await page.getByTestId('tenant-form-submit').click();
    await registered;

    const link = page.getByTestId('invitation-url');
    await link.waitFor();
    invitation = await link.inputValue();
    expect(invitation.startsWith(`http://${stack.baseDomain}/onboarding#`)).toBe(true);

    // The copy button puts exactly that link on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.tenantUrl('zhengzhou') });
    await page.getByTestId('invitation-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(invitation);
    await screenshot(page, 'journey-03-city-invitation-link');

    await page.getByTestId('tenant-register-done').click();
    const row = page.getByTestId(`tenant-row-${DISTRICT.divisionCode}`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('invited');
  });

  it('the district administrator onboards through the link in another profile', async () => {
    const page = await (await profile()).newPage();
    watchErrors(page, errors);
    await page.goto(invitation);
    await page.getByTestId('onboarding-step-welcome').waitFor();
    expect(await page.getByTestId('onboarding-step-welcome').textContent()).toContain(DISTRICT.name);
    await screenshot(page, 'journey-04-onboarding-welcome');
    await page.getByTestId('onboarding-start').click();

    await page.getByTestId('onboarding-admin-username').fill(ADMIN.username);
    await page.getByTestId('onboarding-admin-display-name').fill(ADMIN.displayName);
    await page.getByTestId('onboarding-admin-password').fill(ADMIN.password);
    await page.getByTestId('onboarding-admin-confirm').fill(ADMIN.password);
    const adminSaved = page.waitForResponse(isOk('PUT', '/api/identity/v1/onboarding/admin'));
    await page.getByTestId('onboarding-admin-save').click();
    await adminSaved;
    await page.getByTestId('onboarding-step-branding').waitFor();

    // Each step is saved: the same link, opened again, resumes at the first step not yet done.
    await page.reload();
    await page.getByTestId('onboarding-step-branding').waitFor();

    // A host another tenant already has is refused next to the field, and nothing moves on.
    await page.getByTestId('onboarding-branding-short-name').fill(DISTRICT.shortName);
    await page.getByTestId('onboarding-branding-color').fill(DISTRICT.color);
    await page.getByTestId('onboarding-branding-slug').fill('jinshui');
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/identity/v1/onboarding/branding' && r.status() === 409);
    await page.getByTestId('onboarding-branding-save').click();
    await refused;
    const slugItem = page.locator('.el-form-item', { has: page.getByTestId('onboarding-branding-slug') });
    await expect.poll(() => slugItem.locator('.el-form-item__error').textContent()).toContain('占用');
    await page.getByTestId('onboarding-branding-slug').fill(DISTRICT.slug);
    // The preview follows the form as it is typed.
    await expect
      .poll(() => page.getByTestId('brand-preview-submit').evaluate((el) => getComputedStyle(el).backgroundImage))
      .toContain('rgb(142, 31, 92)');
    expect(await page.getByTestId('brand-preview-name').textContent()).toContain(DISTRICT.name);
    await screenshot(page, 'journey-05-onboarding-branding');
    const brandingSaved = page.waitForResponse(isOk('PUT', '/api/identity/v1/onboarding/branding'));
    await page.getByTestId('onboarding-branding-save').click();
    await brandingSaved;

    await page.getByTestId('onboarding-step-modules').waitFor();
    for (const module of ['enterprise', 'assessments']) {
      const option = page.getByTestId(`module-option-${module}`);
      if ((await option.getAttribute('data-checked')) === 'true') await option.click();
      await expect.poll(() => option.getAttribute('data-checked')).toBe('false');
    }
    expect(await page.getByTestId('module-option-projects').getAttribute('data-checked')).toBe('true');
    await screenshot(page, 'journey-06-onboarding-modules');
    const modulesSaved = page.waitForResponse(isOk('PUT', '/api/identity/v1/onboarding/modules'));
    await page.getByTestId('onboarding-modules-save').click();
    await modulesSaved;

    await page.getByTestId('onboarding-step-complete').waitFor();
    await screenshot(page, 'journey-07-onboarding-confirm');
    await page.getByTestId('onboarding-complete').click();
    await page.getByTestId('onboarding-done').waitFor();
    expect(await page.getByTestId('onboarding-url').textContent()).toContain(`${DISTRICT.slug}.${stack.baseDomain}`);
    await screenshot(page, 'journey-08-onboarding-done');

    // The link is spent: opening it again says so.
    const again = await page.context().newPage();
    watchErrors(again, errors);
    await again.goto(invitation);
    await again.getByTestId('onboarding-failed').waitFor();
    expect(await again.getByTestId('onboarding-failed').getAttribute('data-reason')).toBe('gone');
    await screenshot(again, 'journey-08b-invitation-spent');
    await again.close();
  });

  it('the new tenant host shows its own name and colour, and its administrator builds the organisation', async () => {
    const page = await (await profile()).newPage();
    watchErrors(page, errors);
    const host = stack.tenantUrl(DISTRICT.slug);
    await page.goto(`${host}/`);
    await expect.poll(() => page.getByTestId('sign-in-tenant-name').textContent()).toContain(DISTRICT.name);
    expect(await primaryColour(page)).toBe(DISTRICT.color);
    expect(await page.title()).toContain(DISTRICT.name);
    await screenshot(page, 'journey-09-new-host-sign-in');

    await signIn(page, host, ADMIN.username, ADMIN.password);
    await page.getByTestId('header-tenant-name').waitFor();
    expect(await page.getByTestId('header-tenant-name').textContent()).toContain(DISTRICT.name);
    expect(await primaryColour(page)).toBe(DISTRICT.color);
    // Only what the district enabled: projects and administration.
    await page.getByTestId('menu-module-projects').waitFor();
    expect(await page.getByTestId('menu-module-enterprise').count()).toBe(0);
    expect(await page.getByTestId('menu-module-assessments').count()).toBe(0);
    await screenshot(page, 'journey-10-new-admin-home');

    await page.goto(`${host}/admin/departments`);
    await page.getByTestId('department-table').waitFor();
    await page.getByTestId('department-create').click();
    await page.getByTestId('department-form-name').fill(DEPARTMENT.name);
    await page.getByTestId('department-form-code').fill(DEPARTMENT.code);
    const departmentSaved = page.waitForResponse(isOk('POST', '/api/identity/v1/departments'));
    await page.getByTestId('department-form-submit').click();
    await departmentSaved;
    await page.getByTestId(`department-row-${DEPARTMENT.code}`).waitFor();
    await screenshot(page, 'journey-11-departments');

    await page.goto(`${host}/admin/users`);
    await page.getByTestId('user-table').waitFor();
    await page.getByTestId(`user-row-${ADMIN.username}`).waitFor();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-dialog').waitFor();
    await page.getByTestId('user-form-username').fill(STAFF.username);
    await page.getByTestId('user-form-display-name').fill(STAFF.displayName);
    await page.getByTestId('user-form-password').fill(STAFF.password);
    await pick(page, 'user-form-department', `user-department-option-${DEPARTMENT.code}`);
    await pick(page, 'user-form-role', 'user-role-option-ndrc');
    await screenshot(page, 'journey-12-user-dialog');
    const userSaved = page.waitForResponse(isOk('POST', '/api/identity/v1/users'));
    await page.getByTestId('user-form-submit').click();
    await userSaved;
    const row = page.getByTestId(`user-row-${STAFF.username}`);
    await row.waitFor();
    await screenshot(page, 'journey-13-users');
  });

  it('the new user changes the initial password and sees only the modules allowed', async () => {
    const page = await (await profile()).newPage();
    watchErrors(page, errors);
    const host = stack.tenantUrl(DISTRICT.slug);
    await signIn(page, host, STAFF.username, STAFF.password);

    // First sign-in: the password an administrator chose is changed before anything else opens.
    await page.getByTestId('change-password').waitFor();
    await screenshot(page, 'journey-14-forced-password-change');
    await page.getByTestId('password-current').fill(STAFF.password);
    await page.getByTestId('password-new').fill(STAFF.next);
    await page.getByTestId('password-confirm').fill(STAFF.next);
    const changed = page.waitForResponse(isOk('POST', '/api/identity/v1/me/password'));
    await page.getByTestId('password-submit').click();
    await changed;

    await page.getByTestId('header-tenant-name').waitFor();
    expect(await page.getByTestId('user-display-name').textContent()).toContain(STAFF.displayName);
    await page.getByTestId('menu-module-projects').waitFor();
    expect(await page.getByTestId('menu-module-enterprise').count()).toBe(0);
    expect(await page.getByTestId('menu-module-assessments').count()).toBe(0);
    // 发改委项目专员 reaches no administration beyond notices: no user, role or department pages.
    await page.getByTestId('menu-module-admin').click();
    await page.getByTestId('menu-item-/admin/notices').waitFor();
    expect(await page.getByTestId('menu-item-/admin/users').count()).toBe(0);
    expect(await primaryColour(page)).toBe(DISTRICT.color);
    await screenshot(page, 'journey-15-staff-home');

    // A page the role may not open, typed past the menu, says so.
    await page.goto(`${host}/admin/users`);
    await page.getByTestId('admin-forbidden').waitFor();
    await screenshot(page, 'journey-16-staff-forbidden');

    expect(errors).toEqual([]);
  });
});
