// The administrator's integration screens (Webhook 订阅, API 客户端, 投递记录, 消息通道) and an
// official's notification preferences, on an office screen (1366×768), against a running demo
// server (BUTLER_E2E_URL). Each run makes its own subscription and client (names from the clock)
// and deletes or revokes them at the end; the demo's preferences are set back as they were.
// Run: npm run test:e2e
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actAs, api, eventually, launch, loaded, noSeriousViolations } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const HOOK = { description: `测试订阅${RUN}`, url: `https://hooks.example.cn/butler/${RUN}` };
const CLIENT = `测试客户端${RUN}`;

/** @param {(page: import('playwright-core').Page) => Promise<void>} steps */
const asAdmin = (steps) => actAs(browser, 'admin', steps, { artifact: 'failure-integrations' });

/**
 * The one-time secret dialog titled `title`: its value, read once; then it is closed.
 * @param {import('playwright-core').Page} page @param {string} title @param {string} label
 */
async function readSecretOnce(page, title, label) {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  await dialog.getByText('关闭此窗口后将无法再次查看').waitFor();
  const value = await dialog.getByLabel(label).inputValue();
  await noSeriousViolations(page, title);
  await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return value;
}

describe('the administrator’s integrations', () => {
  it('creates a webhook subscription, sees its secret once, and deletes it', async () => {
    await asAdmin(async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: 'Webhook 订阅' }).click();
      await page.getByRole('heading', { name: 'Webhook 订阅', level: 1 }).waitFor();
      await loaded(page);
      await noSeriousViolations(page, 'webhooks page');

      await page.getByRole('button', { name: '新建订阅' }).click();
      const form = page.getByRole('dialog', { name: '新建 Webhook 订阅' });
      await form.getByLabel('推送地址').fill(HOOK.url);
      await form.getByLabel('说明').fill(HOOK.description);
      await noSeriousViolations(page, 'new webhook form');
      await form.getByRole('button', { name: '创建' }).click();

      const secret = await readSecretOnce(page, 'Webhook 签名密钥', '签名密钥');
      assert.match(secret, /^whsec_/);
      // Shown once: nowhere on the page after the dialog is closed.
      assert.equal(await page.getByText(secret).count(), 0);
      await eventually(async () => assert.equal(await page.locator('.secret-value').count(), 0));

      const row = page.getByRole('table', { name: 'Webhook 订阅列表' }).locator('tr', { hasText: HOOK.description });
      await row.getByText('推送中').waitFor();
      await row.getByRole('button', { name: `删除：${HOOK.description}` }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '删除' }).click();
      await row.waitFor({ state: 'detached' });
    });
  });

  it('creates an API client, sees its key once, and revokes it', async () => {
    await asAdmin(async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: 'API 客户端' }).click();
      await page.getByRole('heading', { name: 'API 客户端', level: 1 }).waitFor();
      await loaded(page);
      await noSeriousViolations(page, 'API clients page');

      await page.getByRole('button', { name: '新建客户端' }).click();
      const form = page.getByRole('dialog', { name: '新建 API 客户端' });
      await form.getByLabel('名称').fill(CLIENT);
      await form.getByRole('combobox', { name: '角色' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '领导小组（只读）' }).click();
      await form.getByRole('combobox', { name: '权限范围' }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'cases:read' }).click();
      await page.keyboard.press('Escape');
      await noSeriousViolations(page, 'new API client form');
      await form.getByRole('button', { name: '创建' }).click();

      const key = await readSecretOnce(page, 'API 密钥', 'API 密钥');
      assert.ok(key.length > 20);
      assert.equal(await page.getByText(key).count(), 0);
      await eventually(async () => assert.equal(await page.locator('.secret-value').count(), 0));

      // The key works until the client is revoked.
      const read = await fetch(`${process.env.BUTLER_E2E_URL}/api/v1/cases?limit=1`, { headers: { Authorization: `Bearer ${key}` } });
      await read.body?.cancel();
      assert.equal(read.status, 200);

      const row = page.getByRole('table', { name: 'API 客户端列表' }).locator('tr', { hasText: CLIENT });
      await row.getByRole('button', { name: `吊销：${CLIENT}` }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '吊销' }).click();
      await row.getByText(/^已吊销/).waitFor();
    });
  });

  it('opens the delivery log and the message channels', async () => {
    await asAdmin(async (page) => {
      await page.getByRole('navigation').getByRole('link', { name: '投递记录' }).click();
      await page.getByRole('heading', { name: '投递记录', level: 1 }).waitFor();
      await page.getByRole('table', { name: '投递记录列表' }).waitFor();
      await loaded(page);
      await noSeriousViolations(page, 'delivery log');

      await page.getByRole('navigation').getByRole('link', { name: '消息通道' }).click();
      await page.getByRole('heading', { name: '消息通道', level: 1 }).waitFor();
      await page.getByRole('button', { name: '发送测试消息' }).first().waitFor();
      await loaded(page);
      await noSeriousViolations(page, 'message channels');
    });
  });
});

describe('an official', () => {
  it('saves their notification preferences', async () => {
    const before = await api('office', 'GET', '/api/v1/me/notification-preferences');
    try {
      await actAs(browser, 'office', async (page) => {
        await page.getByRole('link', { name: '通知偏好' }).click();
        await page.getByRole('heading', { name: '通知偏好', level: 1 }).waitFor();
        await loaded(page);
        await noSeriousViolations(page, 'notification preferences');
        const box = page.getByRole('checkbox', { name: '督办：电子邮件' });
        const wasChecked = await box.isChecked();
        await box.setChecked(!wasChecked);
        await page.getByRole('button', { name: '保存' }).click();
        await page.getByText('通知偏好已保存').waitFor();
        const saved = await api('office', 'GET', '/api/v1/me/notification-preferences');
        const supervision = saved.preferences.find((/** @type {{ topic: string }} */ p) => p.topic === 'supervision');
        assert.equal(supervision.channels.includes('email'), !wasChecked);
        assert.equal(supervision.default, false);
      }, { artifact: 'failure-preferences' });
    } finally {
      await api('office', 'PUT', '/api/v1/me/notification-preferences', {
        preferences: before.preferences.map((/** @type {{ topic: string, channels: string[] }} */ p) => ({ topic: p.topic, channels: p.channels })),
      });
    }
  });
});
