// Managing the catalog in the console (事项管理), against a running demo server
// (BUTLER_E2E_URL): a department agent drafts a change to an item of its department, the office
// publishes it, and the catalog shows version 2. Every run adds its own item (code from the
// clock, in the completion-acceptance stage), so reruns on one database are unaffected and the
// demo's items never change. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, actAs, api, confirm, launch, loaded, noSeriousViolations, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const CODE = `E2E-${RUN}`;
const NAME = `规划条件核实${RUN}`;
const RENAMED = `规划条件核实（含测绘）${RUN}`;
const PAGE = `${BASE_URL}/console/items?stage=completion_acceptance`;

/**
 * Opens the catalog on the item's stage and the item's drawer.
 * @param {import('playwright-core').Page} page @param {string} name
 */
async function openItem(page, name) {
  await page.goto(PAGE);
  await page.getByRole('heading', { name: '审批事项目录', level: 1 }).waitFor();
  await page.getByRole('button', { name: `查看 ${name}` }).click();
  const drawer = page.locator('.item-drawer');
  await drawer.getByRole('table', { name: '版本记录' }).locator('tbody tr.ant-table-row').first().waitFor();
  await loaded(page);
  return drawer;
}

describe('the catalog editor', () => {
  it('a department drafts a new version of its item, the office publishes it', async () => {
    const departments = await api('office', 'GET', '/api/v1/departments?limit=200');
    const natural = departments.items.find((/** @type {{ code: string }} */ d) => d.code === 'natural-resources');
    const created = await api('office', 'POST', '/api/v1/items', {
      code: CODE,
      name: NAME,
      department_id: natural.id,
      stage: 'completion_acceptance',
      legal_limit: '20个工作日',
      promised_limit: '10',
      allows_tolerance: false,
      allows_commitment: false,
      materials: [{ name: '规划条件核实申请表', required: true, may_be_missing: false }],
    });
    await api('office', 'POST', `/api/v1/items/${created.id}/publish`, {});

    await actAs(browser, 'agent-natural-resources', async (page) => {
      const drawer = await openItem(page, NAME);
      await drawer.getByRole('table', { name: '版本记录' }).getByText('现行').waitFor();
      await drawer.getByRole('button', { name: '新建版本' }).click();
      await page.getByText('已新建版本草稿').waitFor();
      await drawer.getByRole('table', { name: '版本记录' }).getByText('草稿').waitFor();
      await loaded(page);
      await drawer.getByLabel('事项名称', { exact: true }).fill(RENAMED);
      await drawer.getByLabel('承诺时限', { exact: true }).fill('8');
      // A material added in the materials table.
      await drawer.getByRole('button', { name: '添加材料' }).click();
      await drawer.getByLabel('第 2 项 材料名称').fill('测绘成果报告');
      await drawer.getByRole('button', { name: '保存草稿' }).click();
      await page.getByText('草稿已保存').waitFor();
      await noSeriousViolations(page, 'item editor, a draft');
      await screenshot(page, 'console-item-draft');
      // The agent may not publish.
      assert.equal(await drawer.getByRole('button', { name: '发布' }).count(), 0);
    });

    await actAs(browser, 'office', async (page) => {
      const drawer = await openItem(page, NAME);
      assert.equal(await drawer.getByLabel('事项名称', { exact: true }).inputValue(), RENAMED);
      await drawer.getByRole('button', { name: '发布' }).click();
      await confirm(page);
      await page.getByText('已发布', { exact: true }).waitFor();
      await drawer.getByRole('table', { name: '版本记录' }).getByText('已废止').waitFor();
      await noSeriousViolations(page, 'item editor, published');
      await page.keyboard.press('Escape');
      // The catalog in force shows version 2 under its new name.
      const row = page.locator('tr.ant-table-row', { hasText: RENAMED });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /v2/);
      assert.equal(await page.getByRole('button', { name: `查看 ${NAME}` }).count(), 0);
      await noSeriousViolations(page, 'items catalog, version 2');
      await screenshot(page, 'console-items-version-2');
    });
    const versions = await api('office', 'GET', `/api/v1/items/${created.id}/versions`);
    assert.deepEqual(
      versions.map((/** @type {{ version: number, status: string }} */ v) => [v.version, v.status]),
      [
        [2, 'published'],
        [1, 'retired'],
      ],
    );
  });
});
