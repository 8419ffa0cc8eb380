// The system administrator's screens (用户管理, 部门, 工作日历) on an office screen (1366×768),
// against a running demo server (BUTLER_E2E_URL). Every run makes its own department and its
// own agent in it (names from the clock) and removes the calendar change it adds, so reruns
// against one database and the other tests sharing it are unaffected; the demo's accounts are
// never changed. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DEMO, DESKTOP, actAs, eventually, launch, noSeriousViolations, openPage, screenshot, signIn } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const DEPARTMENT = { code: `e2e-${RUN}`, name: `大姚县测试局${RUN}`, shortName: `测试局${RUN}` };
const AGENT = {
  username: `e2e-agent-${RUN}`,
  name: `测试代办员${RUN}`,
  renamed: `测试代办员${RUN}甲`,
  // A digit of its own: the run id may have none, and the form rates the strength by classes.
  password: `Start-Pass-${RUN}-1`,
  newPassword: `Reset-Pass-${RUN}-2`,
  // What she chooses at her first sign-in: a password the administrator set is an initial one.
  ownPassword: `Own-Pass-${RUN}-3`,
};
const DAY = 86_400_000;
// About 400 days ahead: outside every countdown other tests read, and in another year than
// the page first shows, so the page must move to it.
const HOLIDAY = new Date(Date.now() + 8 * 3_600_000 + 400 * DAY).toISOString().slice(0, 10);
const HOLIDAY_NOTE = `测试放假 ${RUN}`;

/**
 * What the sign-in endpoint answers `username` with `password` (the status only).
 * @param {string} username @param {string} password
 */
async function signInStatus(username, password) {
  const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: DEMO.tenant, username, password }),
  });
  await response.body?.cancel();
  return response.status;
}

/**
 * Signs the admin in on a desktop page and runs `steps`.
 * @param {(page: import('playwright-core').Page) => Promise<void>} steps
 */
const asAdmin = (steps) => actAs(browser, 'admin', steps, { artifact: 'failure-admin' });

/** The agent's row in the users table. @param {import('playwright-core').Page} page @param {string} name */
const row = (page, name) => page.getByRole('table', { name: '用户列表' }).locator('tr', { hasText: name });

/**
 * Picks `option` in the Ant Design select named `label` within `scope`; in a searchable one
 * (long lists draw only the options in view), types it first.
 * @param {import('playwright-core').Page} page @param {import('playwright-core').Page | import('playwright-core').Locator} scope
 * @param {string | RegExp} label @param {string} option
 */
async function choose(page, scope, label, option, { search = false } = {}) {
  const select = scope.getByRole('combobox', { name: label });
  const chosen = scope.locator('.ant-select', { has: page.getByRole('combobox', { name: label }) }).filter({ hasText: option });
  // A click that lands while the list is still opening is lost: open it again until it takes.
  for (let attempt = 0; attempt < 3 && !(await chosen.isVisible()); attempt += 1) {
    await select.click();
    if (search) await select.fill(option);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await item.waitFor();
    await item.click();
    await chosen.waitFor({ timeout: 2000 }).catch(() => {});
  }
  await chosen.waitFor();
}

/** The users page's department filter (the form's field is 所属部门). */
const DEPARTMENT_FILTER = /^部门$/;

describe('the system administrator', () => {
  it('finds the accounts and the calendar from the home page', async () => {
    await asAdmin(async (page) => {
      await page.getByRole('heading', { name: '您的待办队列' }).waitFor();
      await page.locator('[data-queue="users_and_departments"]').getByRole('link').click();
      await page.waitForURL(`${BASE_URL}/console/users`);
      await page.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
      await page.goBack();
      await page.locator('[data-queue="calendar_maintenance"]').getByRole('link').click();
      await page.waitForURL(`${BASE_URL}/console/calendar`);
      await page.getByRole('heading', { name: '工作日历', level: 1 }).waitFor();
    });
  });

  it('adds a department, then an agent in it, renames her and sets her a new password', async () => {
    await asAdmin(async (page) => {
      const menu = page.getByRole('navigation', { name: '主菜单' });
      await menu.getByRole('link', { name: '部门', exact: true }).click();
      await page.getByRole('heading', { name: '部门', level: 1 }).waitFor();
      await page.getByRole('button', { name: '新建部门' }).click();
      let dialog = page.getByRole('dialog', { name: '新建部门' });
      await dialog.getByLabel('部门代码').fill(DEPARTMENT.code);
      await dialog.getByLabel('部门全称').fill(DEPARTMENT.name);
      await dialog.getByLabel('部门简称').fill(DEPARTMENT.shortName);
      await noSeriousViolations(page, 'new department form');
      await dialog.getByRole('button', { name: '创建' }).click();
      await dialog.waitFor({ state: 'detached' });
      // The list pages 50 at a time; a rerun's department may be on a later page. Each page
      // asked for must have arrived (more rows) before the list is looked at again.
      const created = page.getByRole('cell', { name: DEPARTMENT.name, exact: true });
      const more = page.getByRole('button', { name: '加载更多' });
      const departmentRows = page.locator('.ant-table-tbody tr.ant-table-row');
      await created.or(more).first().waitFor();
      while (!(await created.isVisible())) {
        const shown = await departmentRows.count();
        await more.click();
        await eventually(async () => assert.ok((await departmentRows.count()) > shown, 'the next page of departments'));
        await created.or(more).first().waitFor();
      }

      await menu.getByRole('link', { name: '用户管理' }).click();
      await page.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
      await page.getByRole('table', { name: '用户列表' }).getByText('admin', { exact: true }).waitFor();
      await noSeriousViolations(page, 'users page');
      await page.getByRole('button', { name: '新建用户' }).click();
      dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill(AGENT.username);
      await dialog.getByLabel('姓名').fill(AGENT.name);
      await choose(page, dialog, '角色', '部门帮办代办员');
      await choose(page, dialog, '所属部门', DEPARTMENT.name, { search: true });
      await dialog.getByText('尚未填写：填写前不能被指派为部门帮办代办员。').waitFor();
      await dialog.getByLabel('从事审批工作起始日期').fill('2021-03-01');
      await dialog.getByText('尚未填写：填写前不能被指派为部门帮办代办员。').waitFor({ state: 'detached' });
      await dialog.getByLabel('手机号').fill('13800000077');
      await dialog.getByLabel('初始密码').fill(AGENT.password);
      await dialog.getByLabel('再次输入密码').fill(AGENT.password);
      await dialog.getByText('密码强度：强').waitFor();
      await noSeriousViolations(page, 'new user form');
      await dialog.getByRole('button', { name: '创建' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await signInStatus(AGENT.username, AGENT.password), 200, 'the new agent signs in');

      // Only her department: she is its one account.
      await choose(page, page, DEPARTMENT_FILTER, DEPARTMENT.shortName, { search: true });
      await page.waitForURL(/department=/);
      // The address changes before the filtered list arrives: wait for it.
      const listed = page.getByRole('table', { name: '用户列表' }).locator('tbody tr.ant-table-row');
      await eventually(async () => assert.equal(await listed.count(), 1, 'only her department'));
      await row(page, AGENT.name).getByText('部门帮办代办员').waitFor();
      await row(page, AGENT.name).getByText('138****0077').waitFor();
      await row(page, AGENT.name).getByText('正常').waitFor();
      await screenshot(page, 'admin-01-agent-created');

      await page.getByRole('button', { name: `编辑：${AGENT.name}` }).click();
      dialog = page.getByRole('dialog', { name: `编辑用户：${AGENT.name}` });
      await dialog.getByLabel('姓名').fill(AGENT.renamed);
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row(page, AGENT.renamed).waitFor();

      await page.getByRole('button', { name: `重置密码：${AGENT.renamed}` }).click();
      dialog = page.getByRole('dialog', { name: `重置密码：${AGENT.renamed}` });
      await dialog.getByLabel('新密码').fill(AGENT.newPassword);
      await dialog.getByLabel('再次输入密码').fill(AGENT.newPassword);
      await noSeriousViolations(page, 'reset password form');
      await dialog.getByRole('button', { name: '设置新密码' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await signInStatus(AGENT.username, AGENT.newPassword), 200, 'the new password signs in');
      assert.notEqual(await signInStatus(AGENT.username, AGENT.password), 200, 'the old one no longer does');
    });
  });

  it('lifts a lockout, closes the agent’s account (her sign-in is refused) and reopens it', async () => {
    // Five wrong passwords lock the account for a while.
    for (let i = 0; i < 5; i += 1) await signInStatus(AGENT.username, 'Wrong-Pass-000');
    assert.notEqual(await signInStatus(AGENT.username, AGENT.newPassword), 200, 'locked');
    await asAdmin(async (page) => {
      await page.goto(`${BASE_URL}/console/users?role=department_agent`);
      await page.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
      await choose(page, page, DEPARTMENT_FILTER, DEPARTMENT.shortName, { search: true });
      await row(page, AGENT.renamed).getByText(/^已锁定至/).waitFor();
      await page.getByRole('button', { name: `解除锁定：${AGENT.renamed}` }).click();
      await row(page, AGENT.renamed).getByText('正常').waitFor();
      assert.equal(await signInStatus(AGENT.username, AGENT.newPassword), 200, 'unlocked');

      // She is signed in elsewhere while her account is closed.
      const agent = await openPage(browser, DESKTOP);
      try {
        await signIn(agent.page, AGENT.username, AGENT.newPassword);
        await agent.page.waitForURL(`${BASE_URL}/console`);
        await agent.page.getByRole('heading', { name: '请先修改初始密码' }).waitFor();
        await agent.page.getByLabel('当前密码').fill(AGENT.newPassword);
        await agent.page.getByLabel('新密码', { exact: true }).fill(AGENT.ownPassword);
        await agent.page.getByLabel('再次输入新密码').fill(AGENT.ownPassword);
        await agent.page.getByRole('button', { name: '修改密码' }).click();
        await agent.page.getByRole('navigation', { name: '主菜单' }).waitFor();

        await page.getByRole('button', { name: `停用：${AGENT.renamed}` }).click();
        await page.getByRole('dialog', { name: `停用 ${AGENT.renamed} 的账号？` }).getByRole('button', { name: '停用' }).click();
        await row(page, AGENT.renamed).getByText('已停用').waitFor();
        assert.notEqual(await signInStatus(AGENT.username, AGENT.ownPassword), 200, 'a closed account cannot sign in');

        // Her open session ends with it: her next request takes her to the sign-in page, be it
        // her click or a refresh the open page makes by itself (which can win the race and
        // take the menu away before the click lands).
        const signedOut = agent.page.waitForURL(/\/login/);
        const tasks = agent.page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '任务单' });
        await Promise.race([signedOut, tasks.click().catch(() => signedOut)]);
        await signedOut;
        await agent.page.getByRole('status').filter({ hasText: '您的登录已失效' }).waitFor();
        await noSeriousViolations(agent.page, 'sign-in page after the session ended');
      } finally {
        await agent.context.close();
      }

      await page.getByRole('button', { name: `启用：${AGENT.renamed}` }).click();
      await page.getByRole('dialog', { name: `启用 ${AGENT.renamed} 的账号？` }).getByRole('button', { name: '启用' }).click();
      await row(page, AGENT.renamed).getByText('正常').waitFor();
      assert.equal(await signInStatus(AGENT.username, AGENT.ownPassword), 200, 'reopened');
      await screenshot(page, 'admin-02-agent-reopened');
    });
  });

  it('adds a local day off to the working calendar and deletes it', async () => {
    await asAdmin(async (page) => {
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '工作日历' }).click();
      await page.getByRole('heading', { name: '工作日历', level: 1 }).waitFor();
      await page.getByText('09:00–12:00、14:30–18:00').waitFor();
      await page.getByText(/国家法定节假日和调休由平台统一载入/).first().waitFor();
      await noSeriousViolations(page, 'calendar page');

      await page.getByRole('button', { name: '添加调整' }).click();
      const dialog = page.getByRole('dialog', { name: '添加本县日历调整' });
      await dialog.getByLabel('日期').fill(HOLIDAY);
      await dialog.getByRole('radio', { name: '放假' }).check();
      await dialog.getByLabel('说明').fill(HOLIDAY_NOTE);
      await noSeriousViolations(page, 'calendar change form');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The page moves to the change's year.
      const table = page.getByRole('table', { name: `${HOLIDAY.slice(0, 4)} 年本县的日历调整` });
      const change = table.locator('tr', { hasText: HOLIDAY });
      await change.getByText(HOLIDAY_NOTE).waitFor();
      await change.getByText('放假', { exact: true }).waitFor();
      await screenshot(page, 'admin-03-calendar');

      await page.getByRole('button', { name: `删除：${HOLIDAY}` }).click();
      await page.getByRole('dialog', { name: new RegExp(`删除 ${HOLIDAY}`) }).getByRole('button', { name: '删除' }).click();
      await change.waitFor({ state: 'detached' });
    });
  });
});
