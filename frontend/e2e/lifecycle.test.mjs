// A whole case through the web app, as the people who carry it: the enterprise on a phone
// (375×812) and the officials on office screens (1366×768), against a running demo server
// (BUTLER_E2E_URL). The test creates its own case, so the demo's preloaded cases and other
// tests sharing the database do not matter. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, actAs, confirm, launch, noSeriousViolations, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PROJECT = `端到端测试项目 ${Date.now().toString(36)}`;
/** @type {string} */
let caseId = '';

/**
 * Signs `user` in at `viewport` and runs `steps`.
 * @param {string} user @param {{ width: number, height: number }} viewport
 * @param {(page: import('playwright-core').Page) => Promise<void>} steps
 */
const as = (user, viewport, steps) => actAs(browser, user, steps, { viewport, artifact: 'failure' });

/** Opens the console's case page and waits for it. @param {import('playwright-core').Page} page */
async function openCase(page, tab = '') {
  await page.goto(`${BASE_URL}/console/cases/${caseId}${tab ? `?tab=${tab}` : ''}`);
  await page.getByRole('heading', { name: PROJECT, level: 1 }).waitFor();
}

/** The case's state as the page's header shows it. @param {import('playwright-core').Page} page @param {string} state */
async function waitForState(page, state) {
  await page.locator('.case-state', { hasText: state }).waitFor();
}

/**
 * Picks an option of an Ant Design Select by typing.
 * @param {import('playwright-core').Page} page @param {string} label @param {string} text
 */
async function pick(page, label, text) {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.fill(text);
  await page.locator('.ant-select-item-option-active', { hasText: text }).waitFor();
  await input.press('Enter');
}

/** The steps depend on each other: after a failure the rest are skipped, not failed again. */
let failed = false;
/** @param {string} name @param {() => Promise<void>} fn */
function step(name, fn) {
  it(name, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      await fn();
    } catch (error) {
      failed = true;
      throw error;
    }
  });
}

describe('a case from application to evaluation', () => {
  step('the enterprise applies on a phone', async () => {
    await as('enterprise', PHONE, async (page) => {
      await page.getByRole('navigation', { name: '页面导航' }).getByRole('link', { name: '申请' }).click();
      await page.getByRole('heading', { name: '申请帮办代办', level: 1 }).waitFor();
      await page.locator('summary', { hasText: '工程建设许可' }).waitFor();
      await noSeriousViolations(page, 'portal apply');

      // Sending an empty form: each field says what is missing.
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByRole('alert').filter({ hasText: '请按提示修改' }).waitFor();
      assert.equal(await page.getByLabel('项目名称').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('项目名称').fill(PROJECT);
      await page.getByLabel('总投资（万元）').fill('12,000');
      await page.getByLabel('行业代码').fill('C2662');
      await page.getByLabel('建设地点').fill('大姚县金碧镇工业片区');
      await page.getByLabel('投资协议签订日期').fill('2026-10-18');
      await page.getByLabel('项目简介').fill('新建生产线两条及配套设施。');
      await page.getByLabel('手机号码').fill('13800000031');
      await page.locator('summary', { hasText: '工程建设许可' }).click();
      await page.getByRole('checkbox', { name: /^取水许可\s*大姚县水务局/ }).check();
      await page.getByText('已选 1 项').waitFor();
      const noSideScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(noSideScroll, 'the apply page scrolls sideways at 375 px');
      await screenshot(page, 'lifecycle-01-apply');

      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/portal\/cases\/[0-9a-f-]{36}$/);
      caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
      await page.getByRole('heading', { name: PROJECT, level: 1 }).waitFor();
      await page.locator('.state-chip', { hasText: '已提交' }).waitFor();
      await page.getByText('投资促进局正在审查您的申请').waitFor();
      await noSeriousViolations(page, 'portal case page');
      await screenshot(page, 'lifecycle-02-submitted');
    });
    assert.ok(caseId, 'the new case has an id');
  });

  step('the investment officer reviews it from the queue', async () => {
    await as('investment_officer', DESKTOP, async (page) => {
      const queue = page.locator('[data-queue="applications_to_review"]');
      await queue.getByRole('link', { name: PROJECT }).click();
      await page.getByRole('heading', { name: PROJECT, level: 1 }).waitFor();
      await waitForState(page, '已提交');
      await noSeriousViolations(page, 'console case page');
      await page.getByRole('button', { name: '审查' }).click();
      const dialog = page.getByRole('dialog');
      for (const check of ['产业政策', '土地政策', '环保政策', '安全生产', '节能']) {
        await dialog.getByRole('checkbox', { name: check }).check();
      }
      await dialog.getByLabel('审查意见').fill('符合产业政策，投资额达到门槛，建议受理。');
      await noSeriousViolations(page, 'review form');
      await dialog.getByRole('button', { name: '提交审查意见' }).click();
      await waitForState(page, '已初审');
    });
  });

  step('the investment leader signs the acceptance, after a confirmation', async () => {
    await as('investment_leader', DESKTOP, async (page) => {
      await page.locator('[data-queue="acceptances_to_sign"]').getByRole('link', { name: PROJECT }).click();
      await waitForState(page, '已初审');
      await page.getByRole('button', { name: '签批受理' }).click();
      await page.locator('.ant-modal-confirm-title', { hasText: '确认签批受理？' }).waitFor();
      await confirm(page);
      await waitForState(page, '已受理');
    });
  });

  step('the office forms the team and proposes the plan', async () => {
    await as('office', DESKTOP, async (page) => {
      const queue = page.locator('[data-queue="teams_to_form"]');
      const row = queue.locator('tr', { hasText: PROJECT });
      await row.waitFor();
      // The step's deadline (1 working day) is counted down in working time.
      // (It shows the deadline itself until the county's calendar has loaded.)
      await row.getByText(/时限：(剩余|已超时)/).waitFor();
      await noSeriousViolations(page, 'office queues');
      await row.getByRole('link', { name: PROJECT }).click();
      await waitForState(page, '已受理');

      await page.getByRole('button', { name: '组建管家团队' }).click();
      const team = page.getByRole('dialog');
      // The water department's co-agent is proposed (its first qualified agent) once the people
      // have loaded, and the form is drawn afresh then: what is picked before would be lost.
      await team
        .locator('.ant-form-item', { hasText: '协同代办员（水务局）' })
        .locator('.ant-select-selection-item', { hasText: '水务局' })
        .first()
        .waitFor();
      await pick(page, '负责领导', '水务局');
      await pick(page, '牵头代办员', '专窗');
      await team.getByRole('button', { name: '组建团队' }).click();
      await waitForState(page, '已组建管家团队');

      await page.getByRole('button', { name: '拟定服务方案' }).click();
      const plan = page.getByRole('dialog');
      await plan.getByText('取水许可').first().waitFor();
      await noSeriousViolations(page, 'plan editor');
      await plan.getByRole('button', { name: '提交服务方案' }).click();
      await waitForState(page, '方案已拟定');

      await page.getByRole('tab', { name: '服务方案' }).click();
      await page.getByText(/预计 .* 全部办结，共 \d+ 个工作日/).waitFor();
      await page.getByText('在目标内').waitFor();
      await noSeriousViolations(page, 'case plan tab');
      await screenshot(page, 'lifecycle-03-plan');
    });
  });

  step('the enterprise agrees to the plan on the phone', async () => {
    await as('enterprise', PHONE, async (page) => {
      // The home page lists it as waiting for the enterprise.
      await page.getByRole('link', { name: new RegExp(`确认服务方案.*${PROJECT}`) }).click();
      await page.getByRole('heading', { name: PROJECT, level: 1 }).waitFor();
      await page.getByRole('heading', { name: '需要您办理' }).waitFor();
      await noSeriousViolations(page, 'portal case page, plan to agree');
      await page.getByRole('button', { name: '确认服务方案' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
      await page.locator('.state-chip', { hasText: '方案已确认' }).waitFor();
      await screenshot(page, 'lifecycle-04-agreed');
    });
  });

  step('the window signs the agreement and dispatches the task sheets', async () => {
    await as('window_agent', DESKTOP, async (page) => {
      await page.locator('[data-queue="agreements_to_sign"]').getByRole('link', { name: PROJECT }).click();
      await waitForState(page, '方案已确认');
      await page.getByRole('button', { name: '签订委托协议' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '签订并发送告知书' }).click();
      await waitForState(page, '已委托');
      await page.getByRole('button', { name: '分送任务单' }).click();
      await confirm(page);
      await waitForState(page, '办理中');
      await page.getByRole('tab', { name: /任务单/ }).click();
      const sheet = page.locator('tr', { hasText: '取水许可' });
      await sheet.getByText('待签收').waitFor();
      // The receipt is due within 30 office minutes: its countdown shows.
      // (It shows the deadline itself until the county's calendar has loaded.)
      await sheet.getByText(/签收：(剩余|已超时)/).waitFor();
      await noSeriousViolations(page, 'case task sheets');
    });
  });

  step('the water department acknowledges and finishes its sheet', async () => {
    await as('agent-water', DESKTOP, async (page) => {
      const row = page.locator('[data-queue="department_sheets"] tr', { hasText: PROJECT });
      await row.waitFor();
      await noSeriousViolations(page, 'department queues');
      await row.getByRole('link', { name: '取水许可' }).click();
      await page.getByRole('heading', { name: '取水许可', level: 1 }).waitFor();
      await noSeriousViolations(page, 'task page');
      await page.getByRole('button', { name: '签收：取水许可' }).click();
      await page.locator('.ant-tag', { hasText: '办理中' }).first().waitFor();
      await page.getByRole('button', { name: '办结：取水许可' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('批准文号').fill('姚水许〔2026〕88号');
      await dialog.getByRole('button', { name: '办结' }).click();
      await confirm(page);
      await page.locator('.ant-tag', { hasText: '已办结' }).first().waitFor();
      await page.getByText('文号：姚水许〔2026〕88号').waitFor();
      await screenshot(page, 'lifecycle-05-finished');
    });
  });

  step('the window records how the enterprise was told of the result', async () => {
    await as('window_agent', DESKTOP, async (page) => {
      await page.locator('[data-queue="results_to_notify"]').getByRole('link', { name: '取水许可' }).first().waitFor();
      await openCase(page, 'tasks');
      await page.getByRole('button', { name: '登记结果告知：取水许可' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: '电话' }).check();
      await dialog.getByRole('button', { name: '登记结果告知' }).click();
      await page.getByRole('tab', { name: '告知与通知' }).click();
      await page.getByText(/取水许可：准予许可 · 已通过电话告知/).waitFor();
    });
  });

  step('the office completes the case', async () => {
    await as('office', DESKTOP, async (page) => {
      await openCase(page);
      await page.getByRole('button', { name: '办结' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('取水许可（姚水许〔2026〕88号）').waitFor();
      await dialog.getByRole('button', { name: '办结' }).click();
      await confirm(page);
      await waitForState(page, '已办结');
    });
  });

  step('the enterprise confirms and evaluates on the phone', async () => {
    await as('enterprise', PHONE, async (page) => {
      await page.goto(`${BASE_URL}/portal/cases/${caseId}`);
      await page.getByText('全部事项已办结，请确认办结单').waitFor();
      await page.getByText('已办结：准予许可（姚水许〔2026〕88号）').waitFor();
      await page.getByRole('button', { name: '确认办结单' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
      await page.getByRole('link', { name: '去评价' }).click();
      await page.getByRole('heading', { name: '满意度评价', level: 1 }).waitFor();
      await noSeriousViolations(page, 'portal evaluation');
      // Nothing chosen: the form says what is missing.
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByRole('alert').filter({ hasText: '请为整体服务和每个部门选择评价等级' }).waitFor();
      await page.getByRole('group', { name: '您对本次服务的总体评价' }).getByText('非常满意').click();
      await page.getByRole('group', { name: '您对水务局的评价' }).getByText('满意', { exact: true }).click();
      await page.getByLabel('意见建议（选填）', { exact: true }).fill('响应及时，材料要求一次讲清。');
      await screenshot(page, 'lifecycle-06-evaluate');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.waitForURL(`${BASE_URL}/portal/cases/${caseId}`);
      await page.getByText('全部事项已办结', { exact: true }).waitFor();
      await noSeriousViolations(page, 'portal case page, completed');
    });
  });

  step('the case’s history is complete and its SM3 chain verifies', async () => {
    await as('office', DESKTOP, async (page) => {
      await openCase(page, 'history');
      await page.getByText('记录完整，未被篡改').waitFor();
      await page.getByText('哈希算法 SM3').waitFor();
      for (const event of ['创建申请', '审查', '签批受理', '组建管家团队', '拟定服务方案', '企业确认方案', '签订委托协议', '签收任务单', '任务单办结', '告知企业结果', '办结', '企业确认', '企业评价']) {
        await page.locator('.history-event').getByText(event, { exact: true }).first().waitFor();
      }
      // Checked again now: the server's new answer, not the one shown with the history.
      const [verified] = await Promise.all([
        page.waitForResponse((response) => /\/api\/v1\/cases\/[^/]+\/history\/verification$/.test(new URL(response.url()).pathname)),
        page.getByRole('button', { name: '重新校验' }).click(),
      ]);
      assert.equal(verified.status(), 200);
      assert.equal((await verified.json()).valid, true, 'the chain verifies again');
      await page.getByText('记录完整，未被篡改').waitFor();
      await noSeriousViolations(page, 'case history');
      await screenshot(page, 'lifecycle-07-history');
    });
  });
});
