// 审计日志: the administrator finds a sign-in attempt by its request id, reads who, what, the
// outcome and the client address, exports the filtered log as a workbook, and the export is
// itself in the log; on an office screen and on a phone, with no serious axe findings. The
// probe is a sign-in with a user name nobody has (no account is locked by it), under a request
// id of this run's own. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DEMO, PHONE, actAs, eventually, launch, loaded, noSeriousViolations } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const PROBE = `e2e-audit-${RUN}`;

/** A refused sign-in of an unknown user under the request id `PROBE`. */
async function failedSignIn() {
  const response = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': PROBE },
    body: JSON.stringify({ tenant: DEMO.tenant, username: `nobody-${RUN}`, password: 'not-a-password' }),
  });
  await response.body?.cancel();
  assert.equal(response.status, 401);
}

/** The log's table. @param {import('playwright-core').Page} page */
const table = (page) => page.getByRole('table', { name: '审计日志列表' });

describe('the audit log', () => {
  before(failedSignIn);

  it('finds an attempt by its request id and exports what it shows', async () => {
    await actAs(browser, 'admin', async (page) => {
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
      await table(page).waitFor();
      await loaded(page);
      await page.getByLabel('请求编号').fill(PROBE);
      await page.getByRole('button', { name: '查询' }).click();
      await eventually(async () => {
        const rows = table(page).locator('tbody tr.ant-table-row');
        assert.equal(await rows.count(), 1);
        const text = (await rows.first().innerText()).replace(/\s+/g, ' ');
        for (const expected of ['登录', '失败', '未登录用户', '127.0.0.1', PROBE]) {
          assert.ok(text.includes(expected), `${expected} in ${text}`);
        }
      });
      assert.match(page.url(), new RegExp(`requestId=${PROBE}`));
      await noSeriousViolations(page, 'the audit log, filtered');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
      assert.equal(download.suggestedFilename(), '审计日志.xlsx');

      // The export is in the log: by the administrator, of one entry.
      await page.getByLabel('请求编号').fill('');
      await page.getByRole('combobox', { name: '操作', exact: true }).click();
      await page.getByRole('combobox', { name: '操作', exact: true }).fill('导出审计日志');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '导出审计日志' }).first().click();
      await page.getByRole('button', { name: '查询' }).click();
      await eventually(async () => {
        const first = (await table(page).locator('tbody tr.ant-table-row').first().innerText()).replace(/\s+/g, ' ');
        assert.ok(first.includes('导出审计日志') && first.includes('系统管理员') && first.includes('"rows":1'), first);
      });
    });
  });

  it('reads on a phone', async () => {
    await actAs(
      browser,
      'admin',
      async (page) => {
        await page.goto(`${BASE_URL}/console/audit-log?requestId=${PROBE}`);
        await page.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
        await eventually(async () => assert.equal(await table(page).locator('tbody tr.ant-table-row').count(), 1));
        await noSeriousViolations(page, 'the audit log on a phone');
      },
      { viewport: PHONE, artifact: 'failure-audit-phone' },
    );
  });

  it('is the administrator’s only', async () => {
    await actAs(browser, 'office', async (page) => {
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '项目案卷' }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审计日志' }).count(), 0);
      await page.goto(`${BASE_URL}/console/audit-log`);
      await page.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
      await page.getByRole('alert').waitFor();
    });
  });
});
