// Every demo role signs in and opens each of its pages without a console error, and the work
// that passes between departments, the window and supervision is done through the screens:
// a transfer (转办) to a colleague, a sheet sent back (退回) and re-dispatched from the window's
// queue, and the statistics a department's leader and the office read. The case these steps
// work on is carried to service through the API first (the browser path to service is
// lifecycle.test.mjs's), so the test does not depend on other tests or on their order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, actAs, api, confirm, eventually, launch, loaded, noSeriousViolations, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PROJECT = `转办测试项目 ${Date.now().toString(36)}`;

/** The development and reform department's sheet of a case carried to service through the API. */
const sheet = { caseId: '', sheetId: '', item: '', colleague: '' };

before(async () => {
  /** @type {{ id: string, username: string, display_name: string }[]} */
  const users = (await api('office', 'GET', '/api/v1/users?limit=200')).items;
  const user = (/** @type {string} */ username) => {
    const found = users.find((u) => u.username === username);
    assert.ok(found, `the demo has ${username}`);
    return found;
  };
  const id = (/** @type {string} */ username) => user(username).id;
  sheet.colleague = user('agent-development-reform-2').display_name;
  /** @type {{ id: string, code: string }[]} */
  const items = (await api('office', 'GET', '/api/v1/items?limit=200')).items;
  const dy001 = items.find((i) => i.code === 'DY-001');
  assert.ok(dy001, 'the demo catalog has DY-001');
  const created = await api('enterprise', 'POST', '/api/v1/cases', {
    project_name: PROJECT,
    industry_code: 'C2662',
    total_investment_fen: 9_000_000_000,
    location: '大姚县金碧镇工业片区',
    brief: '转办与退回的端到端测试。',
    contact_name: '周晓明',
    contact_phone: '13800000031',
    items: [{ catalog_item_id: dy001.id }],
  });
  sheet.caseId = created.id;
  const step = async (/** @type {string} */ who, /** @type {string} */ path, /** @type {unknown} */ body = null) =>
    api(who, 'POST', `/api/v1/cases/${sheet.caseId}/${path}`, body);
  await step('enterprise', 'submit');
  await step('investment_officer', 'review', {
    recommendation: '符合受理条件，建议受理。',
    policy_checks: { industrial: true, land: true, environmental: true, safety: true, energy: true },
  });
  await step('investment_leader', 'accept');
  await step('office', 'team', {
    responsible_leader_id: id('leader-development-reform'),
    lead_agent_id: id('window_agent'),
    co_agent_ids: [id('agent-development-reform')],
  });
  await step('office', 'plan', { items: [{ catalog_item_id: dy001.id, agent_id: id('agent-development-reform') }] });
  await step('enterprise', 'plan/agree');
  await step('window_agent', 'agreement', {});
  const started = await step('window_agent', 'dispatch');
  const approval = started.tasks.find((/** @type {{ kind: string }} */ t) => t.kind === 'approval');
  sheet.sheetId = approval.id;
  sheet.item = approval.item_name;
});

/**
 * The value cell of a bordered Ant Design description list, by its label.
 * @param {import('playwright-core').Page} page @param {string} label
 */
function field(page, label) {
  return page.locator('th.ant-descriptions-item-label', { hasText: label }).locator('xpath=following-sibling::td[1]');
}

/**
 * Signs `user` in at `viewport` and runs `steps`.
 * @param {string} user @param {{ width: number, height: number }} viewport
 * @param {(page: import('playwright-core').Page) => Promise<void>} steps
 */
const as = (user, viewport, steps) => actAs(browser, user, steps, { viewport, artifact: 'failure-roles' });

const CONSOLE_ROLES = [
  'admin',
  'investment_officer',
  'investment_leader',
  'office',
  'window_agent',
  'supervisor',
  'agent-development-reform',
  'leader-development-reform',
];

describe('every demo role', () => {
  for (const user of CONSOLE_ROLES) {
    it(`${user} opens each page of the console menu`, async () => {
      await as(user, DESKTOP, async (page) => {
        await page.getByRole('heading', { name: '您的待办队列' }).waitFor();
        if (user === 'office' || user.startsWith('leader-')) {
          await page.locator('[data-queue="rectifications_to_answer"]').getByText(/共 \d+ 项|暂无待办/).waitFor();
        }
        await noSeriousViolations(page, `${user} home`);
        const menu = page.getByRole('navigation', { name: '主菜单' });
        const entries = await menu.getByRole('link').allTextContents();
        assert.ok(entries.length >= 2, `${user} has a menu: ${entries.join(', ')}`);
        for (const entry of entries) {
          await menu.getByRole('link', { name: entry, exact: true }).click();
          // The previous page stays until the new one is drawn (the menu marks it with it):
          // then its heading, and its data loaded, before the next.
          await menu.locator('.ant-menu-item-selected').getByRole('link', { name: entry, exact: true }).waitFor();
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await loaded(page);
        }
      });
    });
  }

  it('enterprise opens each page of the portal on a phone', async () => {
    await as('enterprise', PHONE, async (page) => {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await noSeriousViolations(page, 'portal home');
      const links = page.getByRole('navigation', { name: '页面导航' }).getByRole('link');
      const count = await links.count();
      assert.ok(count >= 3, 'the portal has its tabs');
      for (let i = 0; i < count; i += 1) {
        await links.nth(i).click();
        // The previous page stays until the new one is drawn, which marks its tab current.
        await links.nth(i).and(page.locator('[aria-current="page"]')).waitFor();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
      }
    });
  });
});

describe('work between departments, the window and supervision', () => {
  it('an agent transfers the sheet to a colleague (转办); the clock stays', async () => {
    await as('agent-development-reform', DESKTOP, async (page) => {
      await page.locator('[data-queue="department_sheets"]').getByRole('link', { name: sheet.item }).first().waitFor();
      await page.goto(`${BASE_URL}/console/tasks/${sheet.sheetId}`);
      await page.getByRole('heading', { name: sheet.item, level: 1 }).waitFor();
      const finishBy = await field(page, '办结时限').textContent();
      await page.getByRole('button', { name: `转办：${sheet.item}` }).click();
      const dialog = page.getByRole('dialog');
      const picker = dialog.getByRole('combobox', { name: '转办给' });
      await picker.click();
      await page.locator('.ant-select-item-option', { hasText: sheet.colleague }).click();
      await noSeriousViolations(page, 'transfer form');
      await dialog.getByRole('button', { name: '转办', exact: true }).click();
      await field(page, '经办人').getByText(sheet.colleague).waitFor();
      assert.equal(await field(page, '办结时限').textContent(), finishBy);
      await screenshot(page, 'roles-01-transferred');
    });
  });

  it('the colleague finds it among her sheets and sends it back to the window (退回)', async () => {
    await as('agent-development-reform-2', DESKTOP, async (page) => {
      // Her queue may hold other sheets of the same item, in an order of their deadlines.
      await page.locator('[data-queue="my_sheets"] tr', { hasText: PROJECT }).getByRole('link', { name: sheet.item }).click();
      await page.getByRole('heading', { name: sheet.item, level: 1 }).waitFor();
      await page.getByRole('button', { name: `退回专窗：${sheet.item}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('退回原因').fill('用地位置需先经县规委会研究，请调整方案后再分送。');
      await dialog.getByRole('button', { name: '退回专窗' }).click();
      await confirm(page);
      await page.locator('.ant-tag', { hasText: '已退回' }).first().waitFor();
    });
  });

  it('the window finds it in its queue of sheets sent back and re-dispatches it', async () => {
    await as('window_agent', DESKTOP, async (page) => {
      await page.locator('[data-queue="sheets_sent_back"] tr', { hasText: PROJECT }).getByRole('link', { name: sheet.item }).click();
      await page.getByRole('heading', { name: sheet.item, level: 1 }).waitFor();
      await page.getByRole('button', { name: `重新分送：${sheet.item}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: '重新分送' }).click();
      await page.locator('.ant-tag', { hasText: '待签收' }).first().waitFor();
      await page.goto(`${BASE_URL}/console/tasks?queue=sent_back`);
      await page.getByRole('table', { name: '被退回' }).waitFor();
      // Looked for once the list has loaded (while it loads, nothing is listed).
      await loaded(page);
      assert.equal(await page.getByRole('table', { name: '被退回' }).getByRole('link', { name: PROJECT }).count(), 0);
    });
  });

  it('the department’s leader reads its figures, per agent', async () => {
    await as('leader-development-reform', DESKTOP, async (page) => {
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '督查督办' }).click();
      await page.getByRole('heading', { name: '督查督办', level: 1 }).waitFor();
      const table = page.getByRole('table', { name: '部门统计' });
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      assert.equal(await table.locator('tbody tr.ant-table-row').count(), 1, 'only its own department');
      // The agents' rows add up to the department's (sheets nobody holds form a row too).
      const agents = page.getByRole('table', { name: /各代办员情况/ });
      await agents.locator('tbody tr.ant-table-row').first().waitFor();
      const received = async (/** @type {import('playwright-core').Locator} */ rows) =>
        (await rows.locator('td:nth-child(2)').allTextContents()).reduce((n, text) => n + Number(text), 0);
      const departmentTotal = await received(table.locator('tbody tr.ant-table-row'));
      assert.ok(departmentTotal >= 1, 'the sheet of this test is counted');
      assert.equal(await received(agents.locator('tbody tr.ant-table-row')), departmentTotal);
      await noSeriousViolations(page, 'department supervision');
      await screenshot(page, 'roles-02-leader-statistics');
    });
  });

  it('the office drills into a department and exports the figures for Excel', async () => {
    await as('office', DESKTOP, async (page) => {
      await page.goto(`${BASE_URL}/console/supervision`);
      const table = page.getByRole('table', { name: '部门统计' });
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      assert.ok((await table.locator('tbody tr.ant-table-row').count()) > 1, 'the county’s departments');
      // This year's figures: the sheet of this test was dispatched today. The whole period's
      // stay on screen until the year's arrive: wait for them (their total in the table).
      const yearFigures = page.waitForResponse((response) => {
        const url = new URL(response.url());
        return (
          url.pathname === '/api/v1/statistics/sheets' &&
          url.searchParams.get('group_by') === 'department' &&
          (url.searchParams.get('from') ?? '').endsWith('-01-01')
        );
      });
      await page.locator('.ant-segmented-item', { hasText: '本年' }).click();
      await page.getByRole('radio', { name: '本年', checked: true }).waitFor({ state: 'attached' });
      const figures = await (await yearFigures).json();
      const totalReceived = table.locator('tfoot tr', { hasText: '合计' }).locator('td').nth(1);
      await eventually(async () => assert.equal(await totalReceived.textContent(), String(figures.total.received)));
      await table.getByRole('button', { name: '发展和改革局' }).click();
      const agents = page.getByRole('table', { name: '发展和改革局：各代办员情况' });
      await agents.locator('tbody tr.ant-table-row').first().waitFor();
      assert.ok((await agents.locator('tbody tr.ant-table-row').count()) >= 1);
      // The Excel export: the server's workbook of the same period.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
      assert.match(download.suggestedFilename(), /^督查统计-\d{8}至\d{8}\.xlsx$/);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      const xlsx = Buffer.concat(chunks);
      assert.ok(xlsx.length > 1000 && xlsx.subarray(0, 2).toString('latin1') === 'PK', 'an xlsx is a zip');
      await noSeriousViolations(page, 'office supervision drill-down');
    });
  });
});
