// Joint meetings (联席会议), against a running demo server (BUTLER_E2E_URL): on a desktop the
// office convenes a meeting in the console, records its minutes with a decision whose action
// goes to a department with working days, and sees the action open with its deadline; every
// step axe clean. Each run convenes a meeting of its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, actAs, api, launch, loaded, noSeriousViolations } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Picks `option` in the Ant Design select named `label` within `scope` (a multiple select's
 * list stays open: clicking `leaveTo`, another field, closes it).
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} scope
 * @param {string} label
 * @param {string} option
 */
async function choose(page, scope, label, option, { leaveTo = /** @type {import('playwright-core').Locator | null} */ (null) } = {}) {
  const select = scope.getByRole('combobox', { name: label });
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  if (leaveTo) await leaveTo.click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

describe('joint meetings', () => {
  it('are convened and recorded by the office in the console', async () => {
    const title = `光伏项目用地协调会 ${Date.now().toString(36)}`;
    await actAs(
      browser,
      'office',
      async (page) => {
        await page.goto(`${BASE_URL}/console/meetings`);
        await loaded(page);
        await page.getByRole('heading', { name: '联席会议', level: 1 }).waitFor();
        await noSeriousViolations(page, 'meetings');

        // Convene: title, time, place, one agenda item, one department.
        await page.getByRole('button', { name: '召开会议' }).click();
        const convene = page.getByRole('dialog', { name: '召开联席会议' });
        await convene.getByLabel('会议名称').fill(title);
        await convene.getByLabel('会议时间').fill('2026-12-10T10:00');
        await convene.getByLabel('会议地点').fill('县政务服务中心三楼会议室');
        await convene.getByLabel('议程第 1 项').fill('用地预审意见');
        await choose(page, convene, '参会部门', '自然资源', { leaveTo: convene.getByLabel('会议地点') });
        await noSeriousViolations(page, 'convene form');
        await convene.getByRole('button', { name: '召 开' }).or(convene.getByRole('button', { name: '召开', exact: true })).click();
        await convene.waitFor({ state: 'hidden' });

        // The meeting opens in its drawer, scheduled; the office records the minutes.
        const drawer = page.getByRole('dialog', { name: title });
        await drawer.getByTestId('meeting-state').filter({ hasText: '已安排' }).waitFor();
        await noSeriousViolations(page, 'meeting scheduled');
        await drawer.getByRole('button', { name: '记录纪要' }).click();
        const minutes = page.getByRole('dialog', { name: '记录会议纪要' });
        await minutes.getByLabel('会议纪要').fill('会议研究了项目用地预审事项，议定如下。');
        await minutes.getByRole('button', { name: '添加议定事项' }).click();
        await minutes.getByLabel('议定内容').fill('同意容缺受理，用地预审意见限期出具');
        await choose(page, minutes, '事项类型', '容缺受理');
        await minutes.getByRole('button', { name: '添加落实任务' }).click();
        await choose(page, minutes, '责任部门', '自然资源');
        await minutes.getByLabel('任务内容').fill('出具用地预审意见');
        await minutes.getByLabel('时限（工作日）').fill('2');
        await noSeriousViolations(page, 'minutes form');
        await minutes.getByRole('button', { name: '记录纪要' }).click();
        await minutes.waitFor({ state: 'hidden' });

        await drawer.getByTestId('meeting-state').filter({ hasText: '已召开' }).waitFor();
        await drawer.getByTestId('meeting-action').filter({ hasText: '出具用地预审意见' }).filter({ hasText: '待落实' }).waitFor();
        await noSeriousViolations(page, 'meeting held');
      },
      { viewport: DESKTOP, artifact: 'meetings-console' },
    );

    const meetings = (await api('office', 'GET', '/api/v1/meetings?state=held')).items;
    const held = meetings.find((/** @type {{ title: string }} */ m) => m.title === title);
    assert.ok(held, 'the meeting is held');
    const detail = await api('office', 'GET', `/api/v1/meetings/${held.id}`);
    assert.equal(detail.decisions.length, 1);
    assert.equal(detail.decisions[0].kind, 'tolerance');
    assert.equal(detail.decisions[0].actions[0].working_days, 2);
    assert.equal(detail.decisions[0].actions[0].state, 'open');
  });
});
