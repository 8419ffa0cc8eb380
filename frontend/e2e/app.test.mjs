// End-to-end checks against a running server with the demo county and the built app
// (BUTLER_E2E_URL). Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DEMO, DESKTOP, PHONE, launch, openPage, screenshot, noSeriousViolations, signIn } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('sign-in page', () => {
  it('has no serious accessibility violations, in normal and 长者模式', async () => {
    const { page, context, errors } = await openPage(browser, PHONE, { isMobile: true });
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await noSeriousViolations(page, 'login page');
    await page.getByRole('switch', { name: '长者模式' }).click();
    assert.match((await page.getAttribute('html', 'class')) ?? '', /elder-mode/);
    await noSeriousViolations(page, 'login page, 长者模式');
    await screenshot(page, 'login-phone-elder');
    assert.deepEqual(errors(), []);
    await context.close();
  });

  it('shows the server’s Chinese message for a wrong password', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    await signIn(page, 'supervisor', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    assert.match(text, /登录未成功/);
    assert.match(text, /用户名或密码不正确/);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.getByLabel('密码', { exact: true }).inputValue(), '');
    await screenshot(page, 'login-wrong-password');

    // The right password then works (and resets the failure count that leads to a lockout).
    await page.getByLabel('密码', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${BASE_URL}/console`);
    await page.getByRole('heading', { name: '您的待办队列' }).waitFor();
    // The browser reports the 401 response itself; nothing else may be logged.
    assert.deepEqual(errors([/status of 401/]), []);
    await context.close();
  });
});

describe('enterprise portal', () => {
  it('an enterprise contact signs in on a phone and lands on the portal', async () => {
    const { page, context, errors } = await openPage(browser, PHONE, { isMobile: true });
    await signIn(page, 'enterprise');
    await page.waitForURL(`${BASE_URL}/portal`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '您好' }).waitFor();
    await page.getByRole('heading', { name: '我的项目' }).waitFor();
    // The heading comes before the projects: measure and check the page once they are listed.
    await page.getByRole('region', { name: '我的项目' }).locator('.home-links li').first().waitFor();
    // Nothing of the desktop console was downloaded.
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')),
    );
    assert.ok(!scripts.some((s) => /\/(console-layout|work-queue-page|table|typography)-[\w-]+\.js$/.test(s)), scripts.join('\n'));
    const noHorizontalScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(noHorizontalScroll, 'the portal scrolls sideways at 375 px');
    await noSeriousViolations(page, 'portal home');
    await screenshot(page, 'portal-home-phone');

    await page.getByRole('link', { name: '我的' }).click();
    await page.getByRole('heading', { name: '我的', level: 1 }).waitFor();
    await page.getByRole('switch', { name: /长者模式/ }).click();
    assert.match((await page.getAttribute('html', 'class')) ?? '', /elder-mode/);
    await noSeriousViolations(page, 'portal 我的, 长者模式');
    await screenshot(page, 'portal-me-elder');
    assert.deepEqual(errors(), []);
    await context.close();
  });
});

describe('officials’ console', () => {
  it('the office signs in on a desktop, sees the console and the departments', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    await signIn(page, 'office');
    await page.waitForURL(`${BASE_URL}/console`);
    await page.getByRole('heading', { name: '您的待办队列' }).waitFor();
    await page.getByText('待组建管家团队').waitFor();
    await noSeriousViolations(page, 'console home');
    await screenshot(page, 'console-home');

    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '部门' }).click();
    await page.waitForURL(`${BASE_URL}/console/departments`);
    await page.getByRole('heading', { name: '部门', level: 1 }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 3, 'the demo county has departments');
    await noSeriousViolations(page, 'departments');
    await screenshot(page, 'console-departments');

    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审批事项目录' }).click();
    await page.getByRole('heading', { name: '审批事项目录', level: 1 }).waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();

    // The stage filter: pick 施工许可, and every row listed is of that stage.
    await page.getByLabel('办理阶段').click();
    await page.locator('.ant-select-item-option', { hasText: '施工许可' }).click();
    await page.waitForURL(/stage=construction_permit/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('施工许可'));
    });
    // The option list fades out: check the page once it is gone (half-transparent text fails contrast).
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await noSeriousViolations(page, 'items catalog, filtered');
    await screenshot(page, 'console-items');
    assert.deepEqual(errors(), []);
    await context.close();
  });

  it('refreshes an expired access token once, and signs out when the refresh token is dead too', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    await signIn(page, 'investment_officer');
    await page.waitForURL(`${BASE_URL}/console`);
    await page.getByRole('heading', { name: '您的待办队列' }).waitFor();

    // A stale access token: the app refreshes the pair and carries on.
    const before = await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('butler.session') ?? '{}');
      const refreshToken = session.refreshToken;
      sessionStorage.setItem('butler.session', JSON.stringify({ ...session, accessToken: 'expired' }));
      return refreshToken;
    });
    await page.goto(`${BASE_URL}/console/items`);
    await page.getByRole('heading', { name: '审批事项目录', level: 1 }).waitFor();
    const after = await page.evaluate(() => JSON.parse(sessionStorage.getItem('butler.session') ?? '{}'));
    assert.notEqual(after.accessToken, 'expired');
    assert.notEqual(after.refreshToken, before, 'the refresh token rotated');

    // Both tokens dead: back to the sign-in page, which remembers where the user was going.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('butler.session') ?? '{}');
      sessionStorage.setItem('butler.session', JSON.stringify({ ...session, accessToken: 'expired', refreshToken: 'revoked' }));
    });
    await page.goto(`${BASE_URL}/console/departments`);
    await page.waitForURL(/\/login\?next=%2Fconsole%2Fdepartments/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('butler.session')), null);

    // Signing in again lands where the user was going.
    await page.getByLabel('用户名').fill('investment_officer');
    await page.getByLabel('密码', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${BASE_URL}/console/departments`);
    assert.deepEqual(errors([/status of 401/]), []);
    await context.close();
  });

  it('switches to English, for the UI and the server’s messages', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByLabel('County code').fill(DEMO.tenant);
    await page.getByLabel('Username').fill('window_agent');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /user name or password is wrong/i);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${BASE_URL}/console`);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Departments' }).waitFor();
    assert.deepEqual(errors([/status of 401/]), []);
    await context.close();
  });
});
