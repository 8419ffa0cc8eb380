// An account given an initial password sees only its change after signing in, on an office
// screen (an official, the console) and on a 375 px phone (an enterprise's contact, the
// portal); then the shell opens, and 修改密码 is in the user menu. Each run creates its own two
// accounts (names from the clock), so reruns against one database are unaffected.
// Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, api, launch, loaded, noSeriousViolations, openPage, screenshot, signIn } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const INITIAL = `Initial-Pass-${RUN}-1`;
const CHOSEN = `Own-Choice-${RUN}-2`;
const OFFICIAL = `e2e-supervisor-${RUN}`;
const CONTACT = `e2e-contact-${RUN}`;
// The browser logs each refused request (the wrong current password is one).
const ALLOWED = [/status of 422/];

before(async () => {
  await api('admin', 'POST', '/api/v1/users', {
    username: OFFICIAL,
    display_name: `督查测试员${RUN}`,
    role: 'supervisor',
    password: INITIAL,
  });
  /** @type {{ id: string }[]} */
  const enterprises = (await api('admin', 'GET', '/api/v1/enterprises?limit=1')).items;
  assert.ok(enterprises[0], 'the demo has an enterprise');
  await api('admin', 'POST', '/api/v1/users', {
    username: CONTACT,
    display_name: `企业联络测试员${RUN}`,
    role: 'enterprise',
    enterprise_id: enterprises[0].id,
    password: INITIAL,
  });
});

/**
 * Signs `username` in with the initial password at `viewport`, is held on the change screen,
 * tries a wrong current password, changes it, and runs `after` on the opened shell.
 * @param {string} username @param {{ width: number, height: number }} viewport @param {string} shell
 * @param {(page: import('playwright-core').Page) => Promise<void>} afterwards
 */
async function firstSignIn(username, viewport, shell, afterwards) {
  const phone = viewport === PHONE;
  const { page, context, errors } = await openPage(browser, viewport, { isMobile: phone });
  try {
    await signIn(page, username, INITIAL);
    await page.waitForURL(`${BASE_URL}/${shell}`);
    await page.getByRole('heading', { name: '请先修改初始密码' }).waitFor();
    // Nothing of the shell: no menu, no tabs.
    assert.equal(await page.getByRole('navigation').count(), 0, 'no navigation before the change');
    await noSeriousViolations(page, `first sign-in screen (${shell})`);
    await screenshot(page, `first-sign-in-${shell}`);

    await page.getByLabel('当前密码').fill('Not-The-Password-1');
    await page.getByLabel('新密码', { exact: true }).fill(CHOSEN);
    await page.getByLabel('再次输入新密码').fill(CHOSEN);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('当前密码不正确').waitFor();
    assert.equal(await page.getByLabel('当前密码').getAttribute('aria-invalid'), 'true');
    await noSeriousViolations(page, `first sign-in screen with an error (${shell})`);

    await page.getByLabel('当前密码').fill(INITIAL);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('navigation').first().waitFor();
    await loaded(page);
    await afterwards(page);
    assert.deepEqual(errors(ALLOWED), [], `console errors as ${username}`);
  } catch (error) {
    await screenshot(page, `failure-first-sign-in-${shell}`).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

/** @param {string} username @param {string} password */
async function signInStatus(username, password) {
  const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'dayao', username, password }),
  });
  const body = await response.json();
  return { status: response.status, mustChange: body.must_change_password };
}

describe('an initial password', () => {
  it('is changed first by an official on the console, who then finds 修改密码 in the user menu', async () => {
    await firstSignIn(OFFICIAL, DESKTOP, 'console', async (page) => {
      await page.getByRole('link', { name: '修改密码' }).click();
      await page.waitForURL(`${BASE_URL}/console/password`);
      await page.getByRole('heading', { name: '修改密码', level: 1 }).waitFor();
      await noSeriousViolations(page, 'change-password page (console)');
    });
    assert.deepEqual(await signInStatus(OFFICIAL, CHOSEN), { status: 200, mustChange: false });
    assert.equal((await signInStatus(OFFICIAL, INITIAL)).status, 401);
  });

  it('is changed first by an enterprise contact on a phone, who then finds 修改密码 under 我的', async () => {
    await firstSignIn(CONTACT, PHONE, 'portal', async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '我的' }).click();
      await page.getByRole('link', { name: '修改密码' }).click();
      await page.waitForURL(`${BASE_URL}/portal/password`);
      await page.getByRole('heading', { name: '修改密码', level: 1 }).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `no sideways scrolling on a phone (${width} px)`);
      await noSeriousViolations(page, 'change-password page (portal)');
      await screenshot(page, 'first-sign-in-portal-page');
    });
    assert.deepEqual(await signInStatus(CONTACT, CHOSEN), { status: 200, mustChange: false });
  });
});
