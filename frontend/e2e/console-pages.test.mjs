// The console's list pages and the supervision overview (ECharts on its own lazy route),
// against the demo county (BUTLER_E2E_URL). They read the demo's cases but change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, launch, openPage, screenshot, noSeriousViolations, signIn } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** @param {import('playwright-core').Page} page */
const scripts = (page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));

describe('console pages', () => {
  it('supervision: charts load with their page only, and the figures are in a table too', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    await signIn(page, 'office');
    await page.waitForURL(`${BASE_URL}/console`);
    await page.getByRole('heading', { name: '您的待办队列' }).waitFor();
    assert.ok(!(await scripts(page)).some((s) => /supervision-page/.test(s)), 'ECharts was loaded by the home page');

    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '督查督办' }).click();
    await page.getByRole('heading', { name: '督查督办', level: 1 }).waitFor();
    await page.getByRole('img', { name: /柱状图：各部门当前逾期任务单数/ }).locator('canvas').waitFor();
    await page.getByRole('img', { name: /柱状图：各部门签收及时率和办结及时率/ }).waitFor();
    const table = page.getByRole('table', { name: '部门统计' });
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // The demo's finished sheets: working days used against promised, for the county.
    await table.getByRole('columnheader', { name: '平均用时/承诺（工作日）' }).waitFor();
    const totalDays = table.locator('tfoot tr', { hasText: '合计' }).locator('td').nth(4);
    assert.match((await totalDays.textContent()) ?? '', /^\d+\.\d \/ \d+\.\d$/);
    assert.ok((await scripts(page)).some((s) => /supervision-page/.test(s)));
    await noSeriousViolations(page, 'supervision');
    await screenshot(page, 'console-supervision');
    assert.deepEqual(errors(), []);
    await context.close();
  });

  it('cases list filters by state; a department agent’s task queues', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    await signIn(page, 'window_agent');
    await page.waitForURL(`${BASE_URL}/console`);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '项目案卷' }).click();
    await page.getByRole('heading', { name: '项目案卷', level: 1 }).waitFor();
    await page.getByLabel('状态').click();
    await page.locator('.ant-select-item-option', { hasText: '已提交' }).click();
    await page.waitForURL(/state=submitted/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('已提交'));
    });
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await noSeriousViolations(page, 'cases list, filtered');
    assert.deepEqual(errors(), []);
    await context.close();

    const agent = await openPage(browser, DESKTOP);
    await signIn(agent.page, 'agent-ecology-environment');
    await agent.page.waitForURL(`${BASE_URL}/console`);
    await agent.page.locator('[data-queue="department_sheets"]').waitFor();
    await agent.page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '任务单' }).click();
    await agent.page.getByRole('heading', { name: '任务单', level: 1 }).waitFor();
    await agent.page.getByRole('tab', { name: '全部' }).click();
    await agent.page.waitForURL(/queue=all/);
    await agent.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await noSeriousViolations(agent.page, 'agent task list');
    await screenshot(agent.page, 'console-tasks-agent');
    assert.deepEqual(agent.errors(), []);
    await agent.context.close();
  });
});
