// The printable forms (附件2–9) of the demo county's cases, opened from the case page as the
// office (BUTLER_E2E_URL), and the same forms downloaded as Word files. They read the demo's cases
// but change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, launch, loaded, openPage, screenshot, noSeriousViolations, signIn } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Signs in as the office, opens the demo case `project` (in `state`) from the console's case
 * list, then its print view from the case page's button.
 * @param {import('playwright-core').Page} page @param {string} state @param {string} project
 */
async function openPrintView(page, state, project) {
  await signIn(page, 'office');
  await page.waitForURL(`${BASE_URL}/console`);
  await page.goto(`${BASE_URL}/console/cases?state=${state}`);
  await page.getByRole('heading', { name: '项目案卷', level: 1 }).waitFor();
  await page.getByRole('link', { name: project, exact: true }).click();
  await page.getByRole('heading', { name: project, level: 1 }).waitFor();
  await page.getByRole('link', { name: '打印表单' }).click();
  await page.waitForURL(/\/console\/cases\/[0-9a-f-]+\/print$/);
  await page.getByRole('navigation', { name: '选择表单' }).waitFor();
}

/** @param {import('playwright-core').Page} page @param {string} name */
const form = (page, name) => page.getByRole('article', { name, exact: true });
/** @param {import('playwright-core').Locator} locator */
const text = async (locator) => (await locator.textContent()) ?? '';

describe('printable forms', () => {
  it('the archived demo case prints every form that applies, with its facts, and only the forms', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    try {
      await openPrintView(page, 'archived', '光伏组件封装材料扩建项目');

      const application = form(page, '申请受理表');
      await application.waitFor();
      assert.equal(
        await application.getByRole('heading', { level: 1 }).textContent(),
        '大姚县招商引资重大项目帮办代办服务申请受理表',
      );
      const applicationText = await text(application);
      for (const fact of ['云南示例绿色能源有限公司', '91532326MA6K00001U', '28,000 万元', 'C3061', '大姚县金碧镇工业片区', '138****0041', '企业投资项目备案']) {
        assert.ok(applicationText.includes(fact), `application form lacks ${fact}`);
      }
      assert.match(await text(form(page, '委托协议')), /大姚县政务服务中心重大招商引资项目帮办代办服务专窗/);
      assert.match(await text(form(page, '服务方案')), /3 个工作日/);

      const sheets = page.getByRole('article', { name: /^任务分送单及回执/ });
      assert.equal(await sheets.count(), 2);
      const sheetTexts = await sheets.allTextContents();
      assert.ok(sheetTexts.some((t) => t.includes('姚发改备〔2026〕31号') && t.includes('任务分送单回执')));
      assert.ok(sheetTexts.some((t) => t.includes('姚市监登〔2026〕108号')));

      const completion = await text(form(page, '办结单'));
      assert.ok(completion.includes('企业投资项目备案证') && completion.includes('营业执照'));
      // The enterprise's level is ticked, exactly one of the five, with its comment.
      const evaluation = form(page, '满意度评价表');
      const overall = await text(evaluation.locator('tr', { hasText: '总体评价' }));
      assert.equal(overall.split('☑').length - 1, 1, overall);
      assert.match(await text(evaluation), /全程帮办，省心省力/);
      // Completed, not terminated: "all" leaves the termination form out.
      assert.equal(await form(page, '终止单').count(), 0);

      await noSeriousViolations(page, 'print view, archived case');
      await screenshot(page, 'console-print-archived');

      // One form at a time from the toolbar; a form that does not apply says why.
      const forms = page.getByRole('navigation', { name: '选择表单' });
      await forms.getByRole('link', { name: /终止单/ }).click();
      await page.waitForURL(/form=termination/);
      assert.match(await text(form(page, '终止单')), /本项目已办结，未终止服务/);
      await forms.getByRole('link', { name: /办结单/ }).click();
      await page.waitForURL(/form=completion/);
      await form(page, '办结单').getByRole('table').first().waitFor();
      assert.equal(await page.getByRole('article').count(), 1);

      // Printed, only the form remains: no toolbar.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByRole('button', { name: '打印' }).isVisible(), false);
      assert.equal(await forms.isVisible(), false);
      assert.equal(await form(page, '办结单').isVisible(), true);
      await page.emulateMedia({ media: 'screen' });

      await page.getByRole('link', { name: '返回案卷' }).click();
      await page.getByRole('heading', { name: '光伏组件封装材料扩建项目', level: 1 }).waitFor();
      assert.deepEqual(errors(), []);
    } catch (error) {
      await screenshot(page, 'failure-print-archived').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  it('a case in service has its sheets, and its completion form is not yet due', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    try {
      await openPrintView(page, 'in_service', '年产 5 万吨绿色新材料项目');
      await page.getByRole('article', { name: /^任务分送单及回执/ }).first().waitFor();
      assert.match(await text(page.getByRole('article', { name: /^任务分送单及回执/ }).first()), /姚自然资规〔2026〕12号/);
      assert.equal(await form(page, '办结单').count(), 0);

      await page.getByRole('navigation', { name: '选择表单' }).getByRole('link', { name: /办结单/ }).click();
      await page.waitForURL(/form=completion/);
      const completion = form(page, '办结单');
      assert.match(await text(completion.getByRole('note')), /项目尚未办结/);
      assert.equal(await completion.getByRole('table').count(), 0);
      await noSeriousViolations(page, 'print view, completion form not yet due');
      assert.deepEqual(errors(), []);
    } catch (error) {
      await screenshot(page, 'failure-print-in-service').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  it('the case page downloads a form as a Word file and the plan as a workbook', async () => {
    const { page, context, errors } = await openPage(browser, DESKTOP);
    try {
      await signIn(page, 'office');
      await page.waitForURL(`${BASE_URL}/console`);
      await page.goto(`${BASE_URL}/console/cases?state=archived`);
      await page.getByRole('link', { name: '光伏组件封装材料扩建项目', exact: true }).click();
      await page.getByRole('heading', { name: '光伏组件封装材料扩建项目', level: 1 }).waitFor();

      /**
       * Downloads the menu entry `name`; answers the file's name and bytes. Each time the menu
       * opens from a quiet page (the last download over, the last menu gone), and its entry is
       * clicked once the menu has stopped moving.
       */
      const fromMenu = async (/** @type {RegExp} */ name) => {
        await loaded(page);
        await page.waitForFunction(() => ![...document.querySelectorAll('.ant-dropdown')].some((menu) => menu.checkVisibility()));
        await page.getByRole('button', { name: /下载表单/ }).click();
        // The menu slides in: clicked mid-way, the pointer lands on the entry above.
        await page.getByRole('menuitem', { name }).waitFor();
        await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name }).click()]);
        const chunks = [];
        for await (const chunk of await download.createReadStream()) chunks.push(chunk);
        return { fileName: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
      };
      const docx = await fromMenu(/附件2 申请受理表/);
      assert.match(docx.fileName, /^附件2-申请受理表-.+\.docx$/);
      assert.ok(docx.bytes.length > 1000, 'the file is not empty');
      assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a zip');
      const sheets = await fromMenu(/附件5 任务分送单及回执/);
      assert.match(sheets.fileName, /^附件5-任务分送单及回执-.+\.docx$/);
      const plan = await fromMenu(/服务方案（Excel）/);
      assert.match(plan.fileName, /^附件4-服务方案-.+\.xlsx$/);
      assert.equal(plan.bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.deepEqual(errors(), []);
    } catch (error) {
      await screenshot(page, 'failure-form-downloads').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
});
