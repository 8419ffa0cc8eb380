// Officials fill in an application for an enterprise at the console (代为填报), on office
// screens (1366×768), against a running demo server (BUTLER_E2E_URL). Every run registers its
// own enterprise with a credit code made from the clock, so reruns against the same database
// and other tests sharing it do not matter. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, actAs, eventually, launch, noSeriousViolations, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// GB 32100-2015: 18 characters of this alphabet, the last a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 17 characters completed with their check character. @param {string} body */
function withCheckCharacter(body) {
  const sum = [...body].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * (WEIGHTS[i] ?? 0), 0);
  return `${body}${ALPHABET[(31 - (sum % 31)) % 31]}`;
}

/**
 * A code nobody has registered yet: a legal person of Dayao County (91 532326) followed by the
 * time in milliseconds written in the code's own base-31 alphabet (nine characters).
 */
function freshCreditCode() {
  let n = Date.now();
  let digits = '';
  while (n > 0) {
    digits = ALPHABET[n % 31] + digits;
    n = Math.floor(n / 31);
  }
  return withCheckCharacter(`91532326${digits.padStart(9, '0').slice(-9)}`);
}

/** The same code with another check character. @param {string} code */
function wrongCheckCharacter(code) {
  const last = ALPHABET.indexOf(code.slice(-1));
  return `${code.slice(0, 17)}${ALPHABET[(last + 1) % 31]}`;
}

const RUN = Date.now().toString(36);
const ENTERPRISE = `代填报测试企业 ${RUN} 有限公司`;
const PROJECT = `代填报测试项目 ${RUN}`;
const DRAFT_PROJECT = `代填报草稿项目 ${RUN}`;
// The browser logs every 4xx answer; the tests below provoke some on purpose.
const EXPECTED_4XX = [/status of 4(09|22)/];

/**
 * Signs `user` in on a desktop page and runs `steps`; `allowed` console errors are caused on purpose.
 * @param {string} user @param {(page: import('playwright-core').Page) => Promise<void>} steps
 * @param {RegExp[]} [allowed]
 */
const as = (user, steps, allowed = []) => actAs(browser, user, steps, { allowed, artifact: 'failure-intake' });

/** Opens the new application from the case list. @param {import('playwright-core').Page} page */
async function openNewApplication(page) {
  await page.goto(`${BASE_URL}/console/cases`);
  await page.getByRole('button', { name: '代企业填报申请' }).click();
  await page.waitForURL(`${BASE_URL}/console/cases/new`);
  await page.getByRole('heading', { name: '代企业填报申请', level: 1 }).waitFor();
}

/**
 * Fills the project, and chooses two catalog items of two stages.
 * @param {import('playwright-core').Page} page @param {string} project @param {string} investment
 */
async function fillProject(page, project, investment) {
  await page.getByLabel('项目名称').fill(project);
  await page.getByLabel('总投资（万元）').fill(investment);
  await page.getByLabel('行业代码').fill('C2662');
  await page.getByLabel('建设地点').fill('大姚县金碧镇工业片区');
  await page.getByLabel('投资协议签订日期').fill('2026-10-18');
  await page.getByLabel('项目简介').fill('新建生产线两条及配套设施。');
  await page.getByRole('button', { name: /^工程建设许可/ }).click();
  await page.getByRole('checkbox', { name: /^取水许可\s*大姚县水务局/ }).check();
  await page.getByRole('button', { name: /^施工许可/ }).click();
  await page.getByRole('checkbox', { name: /^建筑工程施工许可证核发\s*大姚县/ }).check();
  await page.getByText('已从清单选择 2 项').waitFor();
}

/** POSTs the page sends to the API, by path. @param {import('playwright-core').Page} page */
function recordPosts(page) {
  /** @type {string[]} */
  const posts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/api/v1/')) posts.push(new URL(request.url()).pathname);
  });
  return posts;
}

describe('an application filled in for an enterprise at the console', () => {
  it('the investment officer registers a new enterprise, fills in the application and submits it', async () => {
    const creditCode = freshCreditCode();
    await as('investment_officer', async (page) => {
      await openNewApplication(page);
      await page.locator('.intake-catalog').waitFor();
      await noSeriousViolations(page, 'new application');

      await page.getByRole('radio', { name: '登记新企业' }).check();
      await page.getByLabel('企业名称').fill(ENTERPRISE);
      await page.getByLabel('统一社会信用代码').fill(creditCode.toLowerCase());
      await page.getByLabel('企业联络员').fill('周晓明');
      await page.getByLabel('联络员电话').fill('13800000031');
      await page.getByLabel('企业地址').fill('大姚县金碧镇工业片区 8 号');
      // The project's contact follows the enterprise's until someone changes it.
      await eventually(async () => {
        assert.equal(await page.getByLabel('联络人姓名').inputValue(), '周晓明');
        assert.equal(await page.getByLabel('联络人电话').inputValue(), '13800000031');
      });

      // Below the county's threshold (5000 万元) the form warns before anything is sent.
      await page.getByLabel('总投资（万元）').fill('4999');
      await page.getByText(/总投资低于服务门槛 5,000 万元/).waitFor();
      await fillProject(page, PROJECT, '12,000');
      await page.getByText(/总投资低于服务门槛/).waitFor({ state: 'detached' });
      await noSeriousViolations(page, 'filled application');
      await screenshot(page, 'intake-01-filled');

      await page.getByRole('button', { name: '保存并提交审查' }).click();
      await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: PROJECT, level: 1 }).waitFor();
      await page.locator('.case-state', { hasText: '已提交' }).waitFor();
      await page.locator('.case-header').getByText(ENTERPRISE).waitFor();
      await page.locator('.case-header').getByText('12,000 万元').waitFor();
      // A submitted application is no longer edited.
      assert.equal(await page.getByRole('link', { name: '修改申请' }).count(), 0);
      await noSeriousViolations(page, 'submitted case');
      await screenshot(page, 'intake-02-submitted');
    });
  });

  it('the office is told on the field when a credit code is wrong or taken, and nothing is created', async () => {
    await as(
      'office',
      async (page) => {
        const posts = recordPosts(page);
        await openNewApplication(page);
        // The office saves drafts; the investment officer submits them.
        assert.equal(await page.getByRole('button', { name: '保存并提交审查' }).count(), 0);
        await page.getByRole('radio', { name: '登记新企业' }).check();
        await page.getByLabel('企业名称').fill(`${ENTERPRISE} 二`);
        const creditCode = page.getByLabel('统一社会信用代码');
        await creditCode.fill(wrongCheckCharacter(freshCreditCode()));
        await page.getByLabel('企业联络员').fill('吴嘉怡');
        await page.getByLabel('联络员电话').fill('13800000042');
        await fillProject(page, `${PROJECT} 二`, '8000');

        // A wrong check character is caught in the browser, next to the field.
        await page.getByRole('button', { name: '保存草稿' }).click();
        await page.getByText(/统一社会信用代码校验位错误（按 GB 32100-2015 应为 .）/).waitFor();
        assert.equal(await creditCode.getAttribute('aria-invalid'), 'true');
        await noSeriousViolations(page, 'credit code error');

        // A code registered already (the demo's enterprise): the server's 409 lands on the field,
        // in the server's words.
        await creditCode.fill('91532326MA6K00001U');
        await page.getByRole('button', { name: '保存草稿' }).click();
        await page.getByText('该统一社会信用代码的企业已登记', { exact: true }).waitFor();
        assert.equal(await creditCode.getAttribute('aria-invalid'), 'true');

        // A phone the server refuses: its message, in Chinese, on the enterprise's phone.
        await creditCode.fill(freshCreditCode());
        await page.getByLabel('联络员电话').fill('12345');
        await page.getByRole('button', { name: '保存草稿' }).click();
        await page.getByText('不是有效的手机号或固定电话').waitFor();
        assert.equal(await page.getByLabel('联络员电话').getAttribute('aria-invalid'), 'true');

        assert.equal(page.url(), `${BASE_URL}/console/cases/new`);
        assert.ok(!posts.includes('/api/v1/cases'), `no case was created: ${posts.join(', ')}`);
        await screenshot(page, 'intake-03-errors');
      },
      EXPECTED_4XX,
    );
  });

  it('the window agent saves a draft for a registered enterprise; the investment officer edits and submits it', async () => {
    /** @type {string} */
    let caseUrl = '';
    await as('window_agent', async (page) => {
      await openNewApplication(page);
      const picker = page.getByRole('combobox', { name: '已登记企业' });
      await picker.click();
      // The server searches: the start of the credit code, typed in lower case, finds the
      // demo's second enterprise and only it.
      const searched = page.waitForResponse((response) => {
        const url = new URL(response.url());
        return url.pathname === '/api/v1/enterprises' && url.searchParams.get('q') === '91532326ma6k00002';
      });
      await picker.fill('91532326ma6k00002');
      assert.equal((await searched).status(), 200);
      await page.locator('.ant-select-item-option', { hasText: '云南示例绿色能源' }).waitFor({ state: 'detached' });
      await page.locator('.ant-select-item-option-active', { hasText: '大姚示例新材料' }).waitFor();
      await picker.press('Enter');
      // The contact's name comes from the enterprise; its phone is shown masked only.
      await eventually(async () => assert.equal(await page.getByLabel('联络人姓名').inputValue(), '吴嘉怡'));
      await page.getByText(/企业登记的联络电话：138\*\*\*\*0042/).waitFor();
      await page.getByLabel('联络人电话').fill('13800000042');
      await fillProject(page, DRAFT_PROJECT, '6000');
      // An item the catalog lacks, with the department that handles it.
      await page.getByRole('button', { name: '添加清单外事项' }).click();
      await page.getByLabel('清单外事项 1 名称').fill('供电接入');
      const department = page.getByRole('combobox', { name: '清单外事项 1 办理部门' });
      await department.click();
      await department.fill('水务局');
      await page.locator('.ant-select-item-option-active', { hasText: '水务局' }).waitFor();
      await department.press('Enter');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
      caseUrl = page.url();
      await page.locator('.case-state', { hasText: '草稿' }).waitFor();
    });

    await as('investment_officer', async (page) => {
      await page.locator('[data-queue="applications_to_help"]').getByRole('link', { name: DRAFT_PROJECT }).click();
      // The router changes the address after the click has returned: wait for it.
      await page.waitForURL(caseUrl);
      await page.getByRole('link', { name: '修改申请' }).click();
      await page.getByRole('heading', { name: `修改申请：${DRAFT_PROJECT}`, level: 1 }).waitFor();
      assert.equal(await page.getByLabel('总投资（万元）').inputValue(), '6000');
      // The stages of the chosen items are open, their items ticked.
      assert.ok(await page.getByRole('checkbox', { name: /^取水许可\s*大姚县水务局/ }).isChecked());
      assert.equal(await page.getByLabel('清单外事项 1 名称').inputValue(), '供电接入');
      await noSeriousViolations(page, 'edit application');
      await screenshot(page, 'intake-04-edit');
      await page.getByLabel('总投资（万元）').fill('6500.5');
      await page.getByRole('button', { name: '保存并提交审查' }).click();
      await page.waitForURL(caseUrl);
      await page.locator('.case-state', { hasText: '已提交' }).waitFor();
      await page.locator('.case-header').getByText('6,500.5 万元').waitFor();
    });
  });
});
