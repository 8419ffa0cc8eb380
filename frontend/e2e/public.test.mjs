// The public side without a sign-in, on a 375 px phone: the home with the service's rules and
// contacts, the catalog searched and filtered, an item's guide, the butler roster, 长者模式
// (remembered on the device), an unknown county; axe clean on each screen. And the
// administrator's 公开设置 page on an office screen (read only: other tests share the server).
// Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DEMO, PHONE, actAs, launch, loaded, noSeriousViolations, openPage, screenshot } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PUBLIC = `${BASE_URL}/public/${DEMO.tenant}`;

/**
 * A fresh phone page, not signed in, running `steps`; fails on console errors but `allowed`.
 * @param {string} artifact @param {(page: import('playwright-core').Page) => Promise<void>} steps
 * @param {RegExp[]} [allowed]
 */
async function onPhone(artifact, steps, allowed = []) {
  const { page, context, errors } = await openPage(browser, PHONE, { isMobile: true });
  try {
    await steps(page);
    assert.deepEqual(errors(allowed), [], 'console errors');
  } catch (error) {
    await screenshot(page, `public-${artifact}`).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

describe('the public side (no sign-in, 375 px)', () => {
  it('opens the catalog, searches it, reads an item guide, toggles 长者模式, reads the roster', async () => {
    await onPhone('catalog', async (page) => {
      await page.goto(PUBLIC);
      await page.getByRole('heading', { level: 1, name: '帮办代办服务' }).waitFor();
      await page.getByRole('heading', { name: '服务规则' }).waitFor();
      assert.match(await page.locator('header').innerText(), /大姚县项目管家/);
      // The service's contacts: phones are links to call.
      assert.equal(await page.getByRole('link', { name: '0878-6222101' }).getAttribute('href'), 'tel:0878-6222101');
      await loaded(page);
      await noSeriousViolations(page, 'public home');

      // The catalog, by its link in the navigation.
      const nav = page.getByRole('navigation', { name: '公开服务导航' });
      await nav.getByRole('link', { name: '办事指南' }).click();
      await page.getByRole('heading', { level: 1, name: '办事指南' }).waitFor();
      await page.getByRole('status').filter({ hasText: '已显示' }).waitFor();
      await loaded(page);
      await noSeriousViolations(page, 'public catalog');

      // Search by name: every result names what was searched for.
      await page.getByLabel('搜索事项名称').fill('施工许可');
      await page.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL(/q=/);
      const results = page.locator('.public-links li a');
      await page.getByRole('status').filter({ hasText: '已显示 2 项' }).waitFor();
      const titles = await results.locator('.public-links__title').allInnerTexts();
      assert.equal(titles.length, 2, titles.join(', '));
      assert.ok(titles.every((title) => title.includes('施工许可')), titles.join(', '));

      // Then by stage and department: the filters stay in the address.
      await page.getByLabel('搜索事项名称').fill('');
      await page.getByRole('button', { name: '搜索' }).click();
      await page.getByLabel('审批阶段').selectOption('construction_permit');
      await page.getByLabel('实施部门').selectOption('housing-construction');
      await page.waitForURL(/stage=construction_permit.*department=housing-construction|department=housing-construction.*stage=construction_permit/);
      await page.getByRole('status').filter({ hasText: '已显示 3 项' }).waitFor();

      // An item's guide.
      await page.getByRole('link', { name: /建筑工程施工许可证核发/ }).first().click();
      await page.getByRole('heading', { level: 1, name: /建筑工程施工许可证核发/ }).waitFor();
      await page.getByRole('heading', { name: '申报材料' }).waitFor();
      await page.getByRole('heading', { name: '咨询、投诉与监督' }).waitFor();
      assert.ok((await page.locator('.public-materials li').count()) > 0, 'the guide lists its materials');
      await loaded(page);
      await noSeriousViolations(page, 'public item guide');

      // 长者模式: larger type and stronger contrast, remembered across visits.
      const normalSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const elder = page.getByRole('switch', { name: '长者模式' });
      assert.equal(await elder.getAttribute('aria-checked'), 'false');
      await elder.click();
      assert.equal(await elder.getAttribute('aria-checked'), 'true');
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder-mode')), true);
      const elderSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert.ok(elderSize > normalSize, `${elderSize} > ${normalSize}`);
      await page.reload();
      await page.getByRole('heading', { name: '申报材料' }).waitFor();
      assert.equal(await page.getByRole('switch', { name: '长者模式' }).getAttribute('aria-checked'), 'true');
      await loaded(page);
      await noSeriousViolations(page, 'public item guide in 长者模式');

      // The butler roster: by department, names and phones as the demo county publishes.
      await page.getByRole('navigation', { name: '公开服务导航' }).getByRole('link', { name: '项目管家' }).click();
      await page.getByRole('heading', { level: 1, name: '项目管家名册' }).waitFor();
      await page.getByRole('heading', { name: '大姚县自然资源局' }).waitFor();
      assert.ok((await page.locator('.public-roster a[href^="tel:"]').count()) > 0);
      await loaded(page);
      await noSeriousViolations(page, 'public roster in 长者模式');
      await page.getByRole('switch', { name: '长者模式' }).click();
      assert.equal(await page.evaluate(() => localStorage.getItem('butler.elder-mode')), '0');
    });
  });

  it('is reachable from the sign-in page, and a missing item or county says so', async () => {
    await onPhone(
      'missing',
      async (page) => {
        await page.goto(`${BASE_URL}/login?tenant=${DEMO.tenant}`);
        await page.getByRole('link', { name: /不登录查看/ }).click();
        await page.waitForURL(PUBLIC);
        await page.getByRole('heading', { level: 1, name: '帮办代办服务' }).waitFor();

        await page.goto(`${PUBLIC}/items/NO-SUCH-ITEM`);
        await page.getByRole('alert').filter({ hasText: '该事项不存在或已停止办理' }).waitFor();

        await page.goto(`${BASE_URL}/public/nowhere`);
        await page.getByRole('alert').filter({ hasText: '未找到该区县的公开服务' }).waitFor();
        await loaded(page);
        await noSeriousViolations(page, 'public unknown county');
      },
      [/status of 404/],
    );
  });
});

describe('公开设置 (the administrator)', () => {
  it('shows the profile and the roster with its switches, axe clean', async () => {
    await actAs(
      browser,
      'admin',
      async (page) => {
        await page.goto(`${BASE_URL}/console/public-profile`);
        await page.getByRole('heading', { level: 1, name: '公开设置' }).waitFor();
        await page.getByRole('table', { name: '名册人员' }).locator('tbody tr').first().waitFor();
        await loaded(page);
        assert.equal(await page.getByLabel('咨询电话').inputValue(), '0878-6222101');
        assert.ok((await page.getByRole('switch', { name: /列入公开名册/ }).count()) >= 20);
        await noSeriousViolations(page, 'console public profile');
      },
      { artifact: 'public-profile' },
    );
  });
});
