// Aftercare in the console (回访与整改), against a running demo server (BUTLER_E2E_URL): the
// office reads the demo's archived case's aftercare, which takes no more visits (an archived
// file is read-only); it plans and records a follow-up visit of a completed case, and the
// leader of the department rated 不满意 answers the rectification in writing. The tests share
// the database with the other files and may run again on it: each brings a case of its own
// through the API to completion and a bad review.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, actAs, api, launch, loaded, noSeriousViolations, screenshot } from './browser.mjs';

/** The demo's archived case, rated 不满意 for the market regulation bureau. */
const DEMO_ARCHIVED = '光伏组件封装材料扩建项目';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------------------
// The API, for finding the cases and for setting up a bad review when the demo's is used up.

/** @param {string} path */
const all = async (path) => (await api('office', 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=200`)).items;

/** @returns {Promise<{ id: string, project_name: string }>} */
async function demoArchivedCase() {
  const archived = await all('/api/v1/cases?state=archived');
  const found = archived.find((/** @type {{ project_name: string }} */ c) => c.project_name === DEMO_ARCHIVED);
  assert.ok(found, `the demo's archived case ${DEMO_ARCHIVED} is there`);
  return found;
}

/**
 * A case of this run brought to completion and rated 不满意 for the water department, through
 * the API as the people who carry it.
 */
async function caseWithBadReview() {
  const project = `回访整改测试项目 ${Date.now().toString(36)}`;
  const items = await all('/api/v1/items');
  const item = items.find((/** @type {{ department: { code: string } }} */ i) => i.department.code === 'water');
  assert.ok(item, 'the catalog has an item of the water department');
  const users = await all('/api/v1/users');
  const user = (/** @type {string} */ name) => users.find((/** @type {{ username: string }} */ u) => u.username === name).id;
  const created = await api('enterprise', 'POST', '/api/v1/cases', {
    project_name: project,
    industry_code: 'C2662',
    total_investment_fen: 12_000 * 1_000_000,
    location: '大姚县金碧镇工业片区',
    brief: '新建生产线一条及配套设施。',
    contact_name: '周晓明',
    contact_phone: '13800000041',
    items: [{ catalog_item_id: item.id }],
  });
  const id = created.id;
  /** @param {string} who @param {string} path @param {unknown} [body] */
  const post = (who, path, body) => api(who, 'POST', `/api/v1/cases/${id}${path}`, body);
  await post('enterprise', '/submit');
  await post('investment_officer', '/review', {
    recommendation: '符合产业政策，投资额达到门槛，建议受理。',
    policy_checks: { industrial: true, land: true, environmental: true, safety: true, energy: true },
  });
  await post('investment_leader', '/accept');
  await post('office', '/team', {
    responsible_leader_id: user('leader-water'),
    lead_agent_id: user('window_agent'),
    co_agent_ids: [user('agent-water')],
  });
  await post('office', '/plan', {
    items: [{ catalog_item_id: item.id, agent_id: user('agent-water'), promised_limit: '1', prerequisites: [], missing_materials: [] }],
  });
  await post('enterprise', '/plan/agree');
  await post('window_agent', '/agreement', {});
  const dispatched = await post('window_agent', '/dispatch');
  const sheet = dispatched.tasks[0].id;
  await api('agent-water', 'POST', `/api/v1/tasks/${sheet}/acknowledge`);
  await api('agent-water', 'POST', `/api/v1/tasks/${sheet}/finish`, { outcome: 'approved', document_number: '姚水许〔2026〕99号' });
  await api('window_agent', 'POST', `/api/v1/tasks/${sheet}/result-notice`, { channel: 'phone' });
  await post('office', '/complete', { handed_over_documents: ['取水许可证'] });
  await post('enterprise', '/confirm');
  await post('enterprise', '/evaluation', {
    level: 'satisfied',
    comment: '总体顺利。',
    departments: [{ department_id: item.department.id, level: 'dissatisfied', comment: '现场核查约定时间一再推迟。' }],
  });
  return { id, project_name: project };
}

/** An unanswered rectification of a department, of a case made for it, and the leader who may answer it. */
async function rectificationToAnswer() {
  const open = async (/** @type {{ id: string }} */ c) =>
    (await api('office', 'GET', `/api/v1/cases/${c.id}/rectifications`)).find(
      (/** @type {{ replied_at: string | null, department_id: string | null }} */ r) => !r.replied_at && r.department_id,
    );
  // A case of its own: the demo's archived file takes no more answers.
  const theCase = await caseWithBadReview();
  const rectification = await open(theCase);
  assert.ok(rectification, 'a bad review opened a rectification');
  const departments = await all('/api/v1/departments');
  const department = departments.find((/** @type {{ id: string }} */ d) => d.id === rectification.department_id);
  return { theCase, department, leader: `leader-${department.code}` };
}

/** `YYYY-MM-DD` in Asia/Shanghai, `days` after today. @param {number} days */
function dayFromToday(days) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------
// The browser.

/**
 * Signs `user` in on a desktop page and runs `steps`.
 * @param {string} user @param {(page: import('playwright-core').Page) => Promise<void>} steps
 */
const as = (user, steps) => actAs(browser, user, steps, { artifact: 'failure-aftercare' });

describe('aftercare: follow-up visits and rectifications', () => {
  it("the office reads the archived case's aftercare, which takes no more visits", async () => {
    await demoArchivedCase();
    await as('office', async (page) => {
      // The case list, filtered to archived cases (the state is the last of the filter's long
      // list, which renders only the options in view: the address sets it).
      await page.goto(`${BASE_URL}/console/cases?state=archived`);
      await page.getByRole('heading', { name: '项目案卷', level: 1 }).waitFor();
      await page.locator('.ant-select', { hasText: '已归档' }).first().waitFor();
      await page.getByRole('link', { name: DEMO_ARCHIVED }).first().click();
      await page.getByRole('heading', { name: DEMO_ARCHIVED, level: 1 }).waitFor();
      await page.getByRole('tab', { name: '回访与整改' }).click();
      await page.waitForURL(/tab=aftercare/);

      // The evaluation, as the enterprise gave it, and the demo's visits and rectification.
      await page.getByRole('heading', { name: '满意度评价' }).waitFor();
      await page.getByText('全程帮办，省心省力；营业执照登记往返了两次。').waitFor();
      const rated = page.getByRole('table', { name: '各部门评价' });
      await rated.locator('tr', { hasText: '市场监督管理局' }).getByText('不满意').waitFor();
      await rated.locator('tr', { hasText: '非常满意' }).waitFor();
      const visits = page.getByRole('table', { name: '回访记录' });
      await visits.getByText('上门走访').first().waitFor();
      await visits.getByText(/已转市场监管局整改/).first().waitFor();
      const rectifications = page.getByRole('table', { name: '差评整改' });
      await rectifications.getByText('市场监督管理局').first().waitFor();
      await rectifications.getByText('不满意').first().waitFor();
      await noSeriousViolations(page, 'aftercare tab');
      await screenshot(page, 'aftercare-01-office');
      // An archived file is read-only: nothing to plan or record.
      await loaded(page);
      assert.equal(await page.getByRole('button', { name: '安排回访' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: /^记录回访/ }).count(), 0);
    });
  });

  it('the office plans a follow-up visit of a completed case and records it', async () => {
    const theCase = await caseWithBadReview();
    const day = dayFromToday(30);
    const notes = `电话回访（${day}）：企业反映设备已调试完毕，无新的诉求。`;

    await as('office', async (page) => {
      await page.goto(`${BASE_URL}/console/cases/${theCase.id}?tab=aftercare`);
      await page.getByRole('heading', { name: theCase.project_name, level: 1 }).waitFor();
      const visits = page.getByRole('table', { name: '回访记录' });
      await visits.waitFor();

      // Planning a visit: the day is required, then it is in the list.
      await page.getByRole('button', { name: '安排回访' }).click();
      const schedule = page.getByRole('dialog');
      await schedule.getByRole('button', { name: '安排回访' }).click();
      await schedule.getByText('请填写此项').waitFor();
      await schedule.getByLabel('计划回访日期').fill(day);
      await schedule.getByRole('radio', { name: '电话回访' }).check();
      await noSeriousViolations(page, 'schedule form');
      await schedule.getByRole('button', { name: '安排回访' }).click();
      await schedule.waitFor({ state: 'detached' });
      const row = visits.locator('tr', { hasText: day });
      await row.getByText('待回访').waitFor();
      await row.getByText('电话回访').waitFor();

      // Recording it.
      await page.getByRole('button', { name: `记录回访：${day}` }).click();
      const record = page.getByRole('dialog');
      await record.getByText(`计划 ${day} · 电话回访`).waitFor();
      await record.getByLabel('回访情况').fill(notes);
      await noSeriousViolations(page, 'record form');
      await record.getByRole('button', { name: '保存回访记录' }).click();
      await record.waitFor({ state: 'detached' });
      await row.getByText('已回访').waitFor();
      await row.getByText(notes).waitFor();
      assert.equal(await page.getByRole('button', { name: `记录回访：${day}` }).count(), 0, 'a recorded visit is recorded once');

      // Both are in the case's history.
      await page.getByRole('tab', { name: '办理记录' }).click();
      await page.locator('.history-event', { hasText: notes }).getByText('记录回访', { exact: true }).waitFor();
    });
  });

  it('the leader of the department rated 不满意 answers the rectification in writing', async () => {
    const { theCase, department, leader } = await rectificationToAnswer();
    const reply = `已约谈经办人员，统一材料要求并书面告知企业（${Date.now().toString(36)}）。`;

    await as(leader, async (page) => {
      await page.goto(`${BASE_URL}/console/cases/${theCase.id}?tab=aftercare`);
      await page.getByRole('heading', { name: theCase.project_name, level: 1 }).waitFor();
      await page.getByText(/差评整改待您书面答复/).waitFor();
      // Visits are the office's: nothing to plan or record here (looked for once the visits,
      // which would carry the buttons to record them, have loaded).
      await page.getByRole('table', { name: '回访记录' }).waitFor();
      await loaded(page);
      assert.equal(await page.getByRole('button', { name: '安排回访' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: /^记录回访/ }).count(), 0);

      const table = page.getByRole('table', { name: '差评整改' });
      const row = table.locator('tr', { hasText: department.short_name }).filter({ hasText: '待答复' }).first();
      await row.getByText(/答复：(剩余|已超时)/).waitFor();
      await noSeriousViolations(page, 'aftercare tab, department leader');

      await page.getByRole('button', { name: `书面答复：${department.short_name}` }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(new RegExp(`${department.short_name} · (不满意|非常不满意) · 整改期限`)).waitFor();
      await dialog.getByLabel('整改情况及书面答复').fill(reply);
      await noSeriousViolations(page, 'reply form');
      await dialog.getByRole('button', { name: '提交书面答复' }).click();
      // Answered once: it asks before sending.
      await page.locator('.ant-modal-confirm-title', { hasText: '确认提交书面答复？' }).waitFor();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();

      const answered = table.locator('tr', { hasText: reply });
      await answered.getByText('已答复').waitFor();
      await noSeriousViolations(page, 'aftercare tab, answered');
      await screenshot(page, 'aftercare-02-leader');
    });

    const answered = (await api('office', 'GET', `/api/v1/cases/${theCase.id}/rectifications`)).find(
      (/** @type {{ reply: string | null }} */ r) => r.reply === reply,
    );
    assert.ok(answered?.replied_at, 'the reply is stored');
  });
});
