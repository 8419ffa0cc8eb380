// The materials checklist (申请材料清单) through the web app: the enterprise uploads a material
// from its phone (375×812) and sees it wait for review; the item's department asks for a
// correction (补正) on the console; the enterprise reads the reason and uploads a new version;
// the department accepts it; the window uploads another material for the enterprise (代办).
// Runs on the demo county's case in service, on a material the enterprise may still give (so a
// rerun against the same database picks the next one). Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, actAs, api, launch, loaded, noSeriousViolations } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A small PDF, told as one by its content. @param {string} text */
const pdf = (text) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** The demo's case in service, and the first material on it the enterprise may still upload. */
let target = /** @type {{ caseId: string, project: string, item: string, material: string, department: string, other: string | null }} */ ({});

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

/** The phone's card of the material. @param {import('playwright-core').Page} page @param {string} name */
const card = (page, name) => page.locator('.material-card').filter({ has: page.locator('.material-card__name', { hasText: name }) }).first();

/** The console's row of the material. @param {import('playwright-core').Page} page @param {string} name */
const row = (page, name) => page.locator('.material-row').filter({ has: page.getByText(name, { exact: true }) }).first();

describe('the materials checklist', () => {
  step('finds the case in service and a material to give', async () => {
    const cases = await api('enterprise', 'GET', '/api/v1/cases?state=in_service&limit=50');
    const inService = cases.items.find((/** @type {{ state: string }} */ c) => c.state === 'in_service');
    assert.ok(inService, 'the demo has a case in service');
    const checklist = await api('enterprise', 'GET', `/api/v1/cases/${inService.id}/materials`);
    const departments = await api('office', 'GET', '/api/v1/departments?limit=100');
    /** @type {{ name: string, materials: { name: string, state: string, allowed_actions: string[] }[], department_id: string }[]} */
    const items = checklist.items;
    const open = items.flatMap((item) =>
      item.materials.filter((m) => m.state === 'missing' && m.allowed_actions.includes('upload')).map((m) => ({ item, m })),
    );
    assert.ok(open.length >= 1, 'a material is still to give');
    const [{ item, m }] = open;
    const department = departments.items.find((/** @type {{ id: string }} */ d) => d.id === item.department_id);
    target = {
      caseId: inService.id,
      project: inService.project_name,
      item: item.name,
      material: m.name,
      department: `agent-${department.code}`,
      other: open.find((o) => o.m.name !== m.name)?.m.name ?? null,
    };
  });

  step('the enterprise uploads a PDF from its phone and sees it wait for review', async () => {
    await actAs(
      browser,
      'enterprise',
      async (page) => {
        await page.goto(`${BASE_URL}/portal/cases/${target.caseId}`);
        await page.getByRole('heading', { name: '申请材料', level: 2 }).waitFor();
        await loaded(page);
        const material = card(page, target.material);
        await material.locator('.material-chip', { hasText: '未提交' }).waitFor();
        await noSeriousViolations(page, 'portal materials');

        // Both ways to give it: a photo from the camera, or a file.
        const photo = material.getByLabel(`拍照上传：${target.material}`);
        assert.equal(await photo.getAttribute('capture'), 'environment');
        assert.equal(await photo.getAttribute('accept'), 'image/*');
        await material.getByLabel(`选择文件上传：${target.material}`).setInputFiles({
          name: '申请书.pdf',
          mimeType: 'application/pdf',
          buffer: pdf('first version'),
        });
        await material.locator('.material-chip', { hasText: '已提交，待审核' }).waitFor();
        await material.getByText(/第 1 版 · 申请书\.pdf/).waitFor();
        await material.getByRole('button', { name: '下载 申请书.pdf' }).waitFor();

        // No sideways scrolling on the phone.
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(wide, false, 'the page fits the phone');
        await noSeriousViolations(page, 'portal materials after upload');
      },
      { viewport: PHONE, artifact: 'materials-upload' },
    );
  });

  step("the item's department asks for a correction on the console", async () => {
    await actAs(
      browser,
      target.department,
      async (page) => {
        await page.goto(`${BASE_URL}/console/cases/${target.caseId}?tab=plan`);
        await page.getByRole('heading', { name: target.project, level: 1 }).waitFor();
        const material = row(page, target.material);
        await material.locator('.material-state', { hasText: '已提交，待审核' }).waitFor();
        await material.getByRole('button', { name: `要求补正：${target.material}` }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('需补正的原因').fill('申请书缺少法定代表人签字，请签字后重新上传。');
        await dialog.getByRole('button', { name: '发送' }).click();
        await material.locator('.material-state', { hasText: '需补正' }).waitFor();
        await material.getByText('补正原因：申请书缺少法定代表人签字').waitFor();
      },
      { viewport: DESKTOP, artifact: 'materials-correction' },
    );
  });

  step('the enterprise reads the reason and uploads a new version', async () => {
    await actAs(
      browser,
      'enterprise',
      async (page) => {
        await page.goto(`${BASE_URL}/portal/cases/${target.caseId}`);
        await page.getByRole('heading', { name: '申请材料', level: 2 }).waitFor();
        const material = card(page, target.material);
        await material.locator('.material-chip', { hasText: '需补正' }).waitFor();
        await material.getByText('补正原因：申请书缺少法定代表人签字，请签字后重新上传。').waitFor();
        await loaded(page);
        await noSeriousViolations(page, 'portal materials with a correction');
        await material.getByLabel(`选择文件上传：${target.material}`).setInputFiles({
          name: '申请书（已签字）.pdf',
          mimeType: 'application/pdf',
          buffer: pdf('signed version'),
        });
        await material.locator('.material-chip', { hasText: '已提交，待审核' }).waitFor();
        await material.getByText(/第 2 版 · 申请书（已签字）\.pdf/).waitFor();
      },
      { viewport: PHONE, artifact: 'materials-reupload' },
    );
  });

  step('the department accepts it; the window uploads another for the enterprise (代办)', async () => {
    await actAs(
      browser,
      target.department,
      async (page) => {
        await page.goto(`${BASE_URL}/console/cases/${target.caseId}?tab=plan`);
        await page.getByRole('heading', { name: target.project, level: 1 }).waitFor();
        const material = row(page, target.material);
        await material.getByText('第 2 版').waitFor();
        await material.getByRole('button', { name: `审核通过：${target.material}` }).click();
        await material.locator('.material-state', { hasText: '已通过' }).waitFor();
      },
      { viewport: DESKTOP, artifact: 'materials-accept' },
    );
    if (!target.other) return;
    const other = target.other;
    await actAs(
      browser,
      'window_agent',
      async (page) => {
        await page.goto(`${BASE_URL}/console/cases/${target.caseId}?tab=plan`);
        await page.getByRole('heading', { name: target.project, level: 1 }).waitFor();
        const material = row(page, other);
        await material.locator('input[type="file"]').setInputFiles({
          name: '营业执照.pdf',
          mimeType: 'application/pdf',
          buffer: pdf('licence'),
        });
        await material.locator('.material-state', { hasText: '已提交，待审核' }).waitFor();
        await material.getByText('代办上传').waitFor();
      },
      { viewport: DESKTOP, artifact: 'materials-on-behalf' },
    );
  });

  // Independent of the steps' outcome but the first: what the window gave for the enterprise
  // may be given again.
  it('a file that is no PDF or image is refused by its content, whatever its name says', async (t) => {
    if (!target.other) {
      t.skip('no second material to give');
      return;
    }
    const other = target.other;
    await actAs(
      browser,
      'enterprise',
      async (page) => {
        await page.goto(`${BASE_URL}/portal/cases/${target.caseId}`);
        await page.getByRole('heading', { name: '申请材料', level: 2 }).waitFor();
        const material = card(page, other);
        await material.locator('.material-chip', { hasText: '已提交，待审核' }).waitFor();
        await material.getByLabel(`选择文件上传：${other}`).setInputFiles({
          name: 'fake.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('MZ this is a program, not a PDF'),
        });
        await material.getByRole('alert').filter({ hasText: '未能上传：文件类型不符（按内容识别），仅接受：PDF、JPEG、PNG' }).waitFor();
        await material.locator('.material-chip', { hasText: '已提交，待审核' }).waitFor();
        await material.getByText(/第 1 版 · 营业执照\.pdf/).waitFor();
        await noSeriousViolations(page, 'portal materials with a refused upload');
      },
      { viewport: PHONE, allowed: [/status of 415/], artifact: 'materials-wrong-type' },
    );
  });
});
