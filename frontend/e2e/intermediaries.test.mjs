// The intermediary supermarket (中介超市) on the enterprise's phone (375×812): on its case in
// service it opens 选择中介机构, sees the agencies offered for a plan item (axe clean), chooses
// one, and once the delivery is recorded rates the work. The demo county's environmental
// agency is given a service for the item first, so the item always has an agency to offer; a
// rerun against the same database picks an item not chosen for yet. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, PHONE, actAs, api, launch, loaded, noSeriousViolations, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const AGENCY = '楚雄示例环境咨询有限公司';

/** The county's date of an instant. @param {string} at */
const countyDate = (at) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(at));

describe('the intermediary supermarket', () => {
  it('lets the enterprise choose an agency on its phone and rate the delivered work', async () => {
    const cases = await api('enterprise', 'GET', '/api/v1/cases?state=in_service&limit=50');
    const inService = cases.items.find((/** @type {{ state: string }} */ c) => c.state === 'in_service');
    assert.ok(inService, 'the demo has a case in service');
    const full = await api('enterprise', 'GET', `/api/v1/cases/${inService.id}`);
    const engagements = await api('enterprise', 'GET', `/api/v1/cases/${inService.id}/intermediaries`);
    const taken = new Set(engagements.map((/** @type {{ case_item_id: string }} */ e) => e.case_item_id));
    /** @type {{ id: string, name: string, planned: boolean, catalog_item_id: string | null }} */
    const item = full.items.find(
      (/** @type {{ id: string, planned: boolean, catalog_item_id: string | null }} */ i) =>
        i.planned && i.catalog_item_id && !taken.has(i.id),
    );
    assert.ok(item, 'a plan item without an agency chosen yet');
    const catalogItem = await api('office', 'GET', `/api/v1/items/${item.catalog_item_id}`);
    const agencies = await api('office', 'GET', '/api/v1/intermediaries/agencies?limit=200');
    const agency = agencies.items.find((/** @type {{ name: string }} */ a) => a.name === AGENCY);
    assert.ok(agency, 'the demo has its environmental agency');
    await api('office', 'POST', `/api/v1/intermediaries/agencies/${agency.id}/services`, {
      name: `${catalogItem.name}技术服务`,
      kind: 'environmental_assessment',
      fee_note: '由企业与机构协商',
      item_codes: [catalogItem.code],
    });

    await actAs(
      browser,
      'enterprise',
      async (page) => {
        await page.goto(`${BASE_URL}/portal/cases/${inService.id}`);
        await loaded(page);
        await page.getByRole('link', { name: '选择中介机构（中介超市）' }).click();
        await page.getByRole('heading', { name: '中介服务', level: 1 }).waitFor();
        await loaded(page);
        await noSeriousViolations(page, 'intermediary services');

        const section = page.getByRole('region', { name: item.name });
        await section.getByRole('button', { name: '选择中介机构' }).click();
        const choose = section.getByRole('button', { name: `选择此机构：${AGENCY}` }).first();
        await choose.waitFor();
        await loaded(page);
        // The surveying firm's qualification expired: it is never offered.
        assert.equal(await section.getByText('大姚示例测绘服务部').count(), 0);
        await noSeriousViolations(page, 'agencies offered');
        await screenshot(page, 'intermediaries-offered-phone');
        await choose.click();
        await page.locator('.adm-dialog').getByRole('button', { name: '确认' }).click();
        await section.getByText(`已选择 ${AGENCY}`).waitFor();
        await section.getByTestId('engagement-state').filter({ hasText: '已选择' }).waitFor();
        await noSeriousViolations(page, 'agency chosen');

        // The lead agent's office records the delivery; the enterprise sees it and rates.
        const chosen = (await api('enterprise', 'GET', `/api/v1/cases/${inService.id}/intermediaries`)).find(
          (/** @type {{ case_item_id: string, state: string }} */ e) => e.case_item_id === item.id && e.state === 'chosen',
        );
        await api('office', 'POST', `/api/v1/cases/${inService.id}/intermediaries/${chosen.id}/delivery`, {
          actual_delivery: countyDate(chosen.chosen_at),
          report_name: '环境影响报告表',
          report_number: `HP-${Date.now().toString(36)}`,
          conclusion: '项目建设环境可行',
        });
        await page.reload();
        await page.getByRole('heading', { name: '中介服务', level: 1 }).waitFor();
        await loaded(page);
        await section.getByTestId('engagement-state').filter({ hasText: '已交付' }).waitFor();
        await section.getByLabel('满意程度').selectOption('very_satisfied');
        await section.getByLabel('意见').fill('按期交付，报告规范');
        await noSeriousViolations(page, 'rating the agency');
        await section.getByRole('button', { name: '提交评价' }).click();
        await section.getByText('您的评价：非常满意').waitFor();
        await noSeriousViolations(page, 'agency rated');
      },
      { viewport: PHONE, artifact: 'intermediaries' },
    );
  });
});
