// The platform administrator's console on an office screen (1366×768), against a running demo
// server (BUTLER_E2E_URL): sign in with the tenant code `platform`, the counties list, a new
// county with its first administrator's initial password shown once (copy button), the
// county's page, a suspension with a reason (the county's people are refused) and the
// reinstatement. Every run makes its own county (its code from the clock), so reruns against
// one database and the other tests sharing it are unaffected; the demo county is never
// suspended. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DEMO, DESKTOP, confirm, eventually, launch, loaded, noSeriousViolations, openPage, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const COUNTY = { code: `e2e-${RUN}`, name: `测试县${RUN}`, admin: 'admin', adminName: '方思远' };

/** The status of a sign-in to `tenant` as `username` with `password`. @param {string} tenant @param {string} username @param {string} password */
async function signInStatus(tenant, username, password) {
  const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant, username, password }),
  });
  const body = await response.json();
  return { status: response.status, code: body.code };
}

describe('the platform console', () => {
  it('creates a county, shows its first password once, suspends and reinstates it', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${BASE_URL}/login`);
      await page.getByLabel('区县代码').fill('platform');
      await page.getByLabel('用户名').fill('platform-admin');
      await page.getByLabel('密码', { exact: true }).fill(DEMO.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${BASE_URL}/platform`);

      await page.getByRole('heading', { level: 1, name: '区县管理' }).waitFor();
      await loaded(page);
      const dayao = page.getByRole('row').filter({ hasText: '大姚县' });
      await dayao.getByText('使用中').waitFor();
      await noSeriousViolations(page, 'the counties');
      // No county page of the console is offered to the platform administrator.
      await page.goto(`${BASE_URL}/console/cases`);
      await page.waitForURL(`${BASE_URL}/platform`);

      await page.getByRole('button', { name: '新建区县' }).click();
      const form = page.getByRole('dialog', { name: '新建区县' });
      await form.getByLabel('区县编码').fill('platform');
      await form.getByLabel('区县名称').fill(COUNTY.name);
      await form.getByLabel('首位管理员用户名').fill(COUNTY.admin);
      await form.getByLabel('首位管理员姓名').fill(COUNTY.adminName);
      await form.getByRole('button', { name: '创建' }).click();
      // The server's own words next to the field: the platform's code is no county's.
      await form.getByText('是平台的编码').waitFor();
      await form.getByLabel('区县编码').fill(COUNTY.code);
      await form.getByRole('button', { name: '创建' }).click();

      const secret = page.getByRole('dialog', { name: '首位管理员的初始密码' });
      await secret.getByText('只显示这一次').waitFor();
      const password = await secret.getByLabel('初始密码').inputValue();
      assert.ok(password.length >= 20, password);
      await secret.getByRole('button', { name: '复制' }).click();
      await secret.getByRole('status').filter({ hasText: /已复制|无法复制/ }).waitFor();
      await noSeriousViolations(page, 'the initial password');
      assert.equal((await signInStatus(COUNTY.code, COUNTY.admin, password)).status, 200, 'the password opens the account');
      await secret.getByRole('button', { name: '我已妥善保存' }).click();
      await secret.waitFor({ state: 'hidden' });
      assert.equal(await page.getByText(password).count(), 0, 'never shown again');

      await page.getByRole('link', { name: COUNTY.name }).click();
      await page.getByRole('heading', { level: 1, name: COUNTY.name }).waitFor();
      await page.getByRole('tab', { name: '概况' }).waitFor();
      await noSeriousViolations(page, 'the county page');

      await page.getByRole('button', { name: '暂停区县' }).click();
      const suspend = page.getByRole('dialog', { name: `暂停区县“${COUNTY.name}”` });
      await suspend.getByRole('button', { name: '暂停' }).click();
      await suspend.getByText('必填项').first().waitFor();
      await suspend.getByLabel('原因').fill('端到端测试：合同待续签');
      await suspend.getByRole('button', { name: '暂停' }).click();
      await confirm(page);
      await page.getByText('该区县已暂停').waitFor();
      await page.getByRole('cell', { name: '端到端测试：合同待续签' }).waitFor();
      await noSeriousViolations(page, 'a suspended county');
      assert.deepEqual(await signInStatus(COUNTY.code, COUNTY.admin, password), { status: 403, code: 'county_suspended' });

      await page.getByRole('button', { name: '恢复区县' }).click();
      const reinstate = page.getByRole('dialog', { name: `恢复区县“${COUNTY.name}”` });
      await reinstate.getByLabel('原因').fill('端到端测试：已续签');
      await reinstate.getByRole('button', { name: '恢复' }).click();
      await eventually(async () => assert.equal(await page.getByText('该区县已暂停').count(), 0));
      await page.getByRole('cell', { name: '使用中' }).waitFor();
      assert.equal((await signInStatus(COUNTY.code, COUNTY.admin, password)).status, 200);

      await page.getByRole('link', { name: '返回区县列表' }).click();
      await page.getByRole('row').filter({ hasText: COUNTY.name }).getByText('使用中').waitFor();
      assert.deepEqual(errors([/status of 4\d\d/]), [], 'console errors');
    } catch (error) {
      await screenshot(page, 'platform').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
});
