// Complaints without an account (投诉举报), against a running demo server (BUTLER_E2E_URL): on a
// 375 px phone someone lodges a complaint (axe clean), sees the tracking number, and follows it
// with the mobile's last four digits; the office assigns it and replies in the console 投诉处理,
// and the complainant reads the reply. Each run lodges a complaint of its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, actAs, api, launch, loaded, noSeriousViolations, openPage, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const MOBILE = '13900001234';

describe('complaints', () => {
  /** @type {string} */
  let tracking = '';
  const text = `窗口要求提供清单外的材料 ${Date.now().toString(36)}`;

  it('are lodged on a phone without an account and followed by tracking number', async () => {
    const { page, context, errors } = await openPage(browser, PHONE, { isMobile: true });
    try {
      await page.goto(`${BASE_URL}/public/dayao/complaints`);
      await loaded(page);
      await page.getByRole('heading', { name: '我要投诉' }).waitFor();
      await noSeriousViolations(page, 'lodge a complaint');

      // Sent empty, every field says what is wrong and nothing is lodged.
      await page.getByRole('button', { name: '提交投诉' }).click();
      await page.getByRole('alert').waitFor();
      assert.equal(await page.getByLabel('手机号码').getAttribute('aria-invalid'), 'true');
      await noSeriousViolations(page, 'lodge a complaint, with errors');

      await page.getByLabel('帮办代办服务').check();
      await page.getByLabel('您的姓名').fill('赵文静');
      await page.getByLabel('手机号码').fill(MOBILE);
      await page.getByLabel('投诉内容').fill(text);
      await page.getByRole('button', { name: '提交投诉' }).click();
      await page.getByRole('heading', { name: '投诉已提交' }).waitFor();
      tracking = (await page.getByTestId('tracking-number').innerText()).trim();
      assert.match(tracking, /^TS\d{8}[0-9A-Z]{9}$/);
      await noSeriousViolations(page, 'complaint lodged');
      await screenshot(page, 'complaint-lodged-phone');

      await page.getByRole('link', { name: '查看办理进展' }).click();
      await page.getByRole('heading', { name: '投诉进展查询' }).waitFor();
      assert.equal(await page.getByLabel('查询编号').inputValue(), tracking);
      await page.getByLabel('手机号后四位').fill('0000');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('未找到该投诉').waitFor();
      await page.getByLabel('手机号后四位').fill('1234');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByTestId('complaint-state').filter({ hasText: '已提交' }).waitFor();
      await noSeriousViolations(page, 'complaint followed');
      // The browser logs the refused empty form (422) and the wrong digits (404).
      assert.deepEqual(errors([/status of 422/, /status of 404/]), []);
    } finally {
      await context.close();
    }
  });

  it('are assigned and answered in the console, and the reply reaches the complainant', async () => {
    assert.ok(tracking, 'a complaint was lodged');
    const [complaint] = (await api('office', 'GET', `/api/v1/complaints?tracking_number=${tracking}`)).items;
    const departments = (await api('office', 'GET', '/api/v1/departments?limit=200')).items;
    const water = departments.find((/** @type {{ code: string }} */ d) => d.code === 'water');
    await api('office', 'POST', `/api/v1/complaints/${complaint.id}/assign`, { department_id: water.id });

    await actAs(
      browser,
      'office',
      async (page) => {
        await page.goto(`${BASE_URL}/console/complaints`);
        await loaded(page);
        await page.getByRole('heading', { name: '投诉处理' }).waitFor();
        await page.getByRole('searchbox', { name: '按查询编号查找' }).fill(tracking);
        await page.getByRole('searchbox', { name: '按查询编号查找' }).press('Enter');
        await page.getByRole('button', { name: tracking }).click();
        await page.getByRole('dialog').getByTestId('complaint-state').filter({ hasText: '已交办' }).waitFor();
        // The mobile is masked until the office asks for it in full (an audited reveal).
        const dialog = page.getByRole('dialog');
        const masked = `${MOBILE.slice(0, 3)}****${MOBILE.slice(-4)}`;
        await dialog.getByText(masked).waitFor();
        assert.equal(await dialog.getByText(MOBILE).count(), 0);
        await dialog.getByRole('button', { name: /显示完整号码/ }).click();
        assert.equal(await dialog.getByRole('link', { name: MOBILE }).getAttribute('href'), `tel:${MOBILE}`);
        await page.getByLabel('答复内容').fill('经核查，已按清单受理，并对窗口人员进行了提醒。');
        await page.getByRole('button', { name: '提交答复' }).click();
        await page.getByRole('dialog').getByTestId('complaint-state').filter({ hasText: '已答复' }).waitFor();
        await noSeriousViolations(page, 'complaint answered in the console');
      },
      { viewport: DESKTOP, artifact: 'complaints-console' },
    );

    const follow = await fetch(`${BASE_URL}/api/v1/public/dayao/complaints/${tracking}`, { headers: { 'X-Mobile-Last4': '1234' } });
    const followed = await follow.json();
    assert.equal(followed.state, 'replied');
    assert.equal(followed.reply, '经核查，已按清单受理，并对窗口人员进行了提醒。');
    assert.deepEqual(followed.allowed_actions, ['rate']);
  });
});
