// 咨询与预约: anyone books a time with the window on a 375 px phone, without an account (axe
// clean, a wrong mobile refused next to its field, the reference shown), and the window
// confirms the time and turns the request into an application in the console, which then
// opens the case. Against a running demo server (BUTLER_E2E_URL); each run books its own
// project (named from the clock). Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, PHONE, actAs, loaded, launch, noSeriousViolations, openPage, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const PROJECT = `预约测试项目${RUN}`;
/** The browser logs the refused submission (422) as a console error. */
const REFUSED = [/status of 422/];

/** @type {string | undefined} */
let reference;

describe('consultations and appointments', () => {
  it('books a time on a phone without an account and shows the reference', async () => {
    const { page, context, errors } = await openPage(browser, PHONE, { isMobile: true });
    try {
      await page.goto(`${BASE_URL}/public/dayao/consult`);
      await page.getByRole('heading', { name: '咨询与预约', level: 1 }).waitFor();
      await loaded(page);
      await noSeriousViolations(page, 'the public consultation form');

      await page.getByRole('radio', { name: '预约到窗口' }).check();
      await page.getByLabel('姓名').fill('林晓雨');
      await page.getByLabel('手机号码').fill('0878-6222000');
      await page.getByLabel('项目名称').fill(PROJECT);
      await page.getByLabel('预约事由').fill('想当面了解用地预审需要的材料。');
      const time = page.getByRole('combobox', { name: '预约时间' });
      await time.waitFor();
      assert.match((await time.locator('option').first().textContent()) ?? '', /^\d{2}:\d{2}$/);
      await noSeriousViolations(page, 'the appointment form with its slot picker');

      // A landline is refused next to the mobile field, and nothing is sent again until fixed.
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByText('不是有效的手机号码').waitFor();
      assert.equal(await page.getByLabel('手机号码').getAttribute('aria-invalid'), 'true');
      await noSeriousViolations(page, 'the form with a refused field');

      await page.getByLabel('手机号码').fill('13900004321');
      await page.getByRole('button', { name: '提交' }).click();
      const shown = page.getByTestId('consult-reference');
      await shown.waitFor();
      reference = (await shown.textContent()) ?? '';
      assert.match(reference, /^ZX\d{8}-\d{6}$/);
      await page.getByRole('heading', { name: '已收到' }).waitFor();
      await noSeriousViolations(page, 'the receipt');
      // The page fits the phone's width.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `scroll width ${width}`);
      assert.deepEqual(errors(REFUSED), []);
    } catch (error) {
      await screenshot(page, 'failure-public-consult').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  it('the window confirms the time and turns it into an application', async () => {
    assert.ok(reference, 'booked by the test before');
    await actAs(
      browser,
      'window_agent',
      async (page) => {
        await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '咨询与预约' }).click();
        await page.waitForURL(`${BASE_URL}/console/consultations`);
        await page.getByRole('heading', { name: '咨询与预约', level: 1 }).waitFor();
        const row = page.locator('tr', { hasText: reference });
        await row.waitFor();
        assert.match((await row.textContent()) ?? '', /139\*\*\*\*4321/);
        await loaded(page);
        await noSeriousViolations(page, 'the consultation list');

        await row.getByRole('button', { name: `查看 ${reference}` }).click();
        const drawer = page.getByRole('dialog');
        // The mobile is masked in the drawer too, until the window asks for it (an audited reveal).
        await drawer.getByText('139****4321').waitFor();
        assert.equal(await drawer.getByText('13900004321').count(), 0);
        await noSeriousViolations(page, 'the consultation drawer');
        await drawer.getByRole('button', { name: /显示完整号码/ }).click();
        assert.equal(await drawer.getByRole('link', { name: '13900004321' }).getAttribute('href'), 'tel:13900004321');

        // The time asked for is kept.
        await drawer.getByRole('button', { name: '确认时间' }).click();
        await drawer.getByText('已确认预约').waitFor();

        // Converting: an enterprise of the county and the project's facts.
        await drawer.getByRole('combobox', { name: '申请企业' }).click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
        await drawer.getByLabel('国民经济行业代码').fill('C2662');
        await drawer.getByLabel('总投资（万元）').fill('12000');
        await drawer.getByLabel('建设地点').fill('大姚县金碧镇工业片区');
        await drawer.getByRole('button', { name: '转为帮办申请' }).click();
        await page.waitForURL(new RegExp(`${BASE_URL}/console/cases/[0-9a-f-]{36}$`));
        await page.getByText(PROJECT).first().waitFor();
      },
      { artifact: 'failure-consult-window' },
    );
  });
});
