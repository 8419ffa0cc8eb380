// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core (no
// browser download), console-error capture, and axe-core checks.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.BUTLER_E2E_URL ?? '').replace(/\/+$/, '');
if (!BASE_URL) {
  throw new Error(
    'BUTLER_E2E_URL is not set: start the server with the built app and the demo county, e.g.\n' +
      '  BUTLER_DATABASE_URL=sqlite:///tmp/fe-e2e.sqlite?mode=rwc BUTLER_BIND=127.0.0.1:18080 ' +
      'BUTLER_WEB_DIR=frontend/dist butler serve --demo\n' +
      'then run BUTLER_E2E_URL=http://127.0.0.1:18080 npm run test:e2e',
  );
}

export const DEMO = { tenant: 'dayao', password: 'butler-demo' };
export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1366, height: 768 };

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e-artifacts');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.BUTLER_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh context and page at `viewport`, recording console errors and uncaught exceptions.
 * `allowed` lists console messages a test expects (the browser logs every 4xx response).
 * @param {import('playwright-core').Browser} browser
 * @param {{ width: number, height: number }} viewport
 */
export async function openPage(browser, viewport, { isMobile = false } = {}) {
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    page,
    context,
    /** Console errors except those matching `allowed`. @param {RegExp[]} allowed */
    errors: (allowed = []) => errors.filter((e) => !allowed.some((pattern) => pattern.test(e))),
  };
}

/**
 * Serious and critical accessibility violations (WCAG 2.1 A and AA rules) on the page now.
 * @param {import('playwright-core').Page} page
 */
async function seriousViolations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** @param {import('playwright-core').Page} page @param {string} name */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the login form.
 * @param {import('playwright-core').Page} page
 * @param {string} username
 * @param {string} [password]
 */
export async function signIn(page, username, password = DEMO.password) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('区县代码').fill(DEMO.tenant);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * Signs `user` in on a fresh page of `browser` and runs `steps`; fails on console errors (but
 * those matching `allowed`), leaves a screenshot named after `artifact` on failure, and closes.
 * Officials land on the console, enterprises on the portal.
 * @param {import('playwright-core').Browser} browser
 * @param {string} user
 * @param {(page: import('playwright-core').Page) => Promise<void>} steps
 * @param {{ viewport?: { width: number, height: number }, allowed?: RegExp[], artifact?: string }} [options]
 */
export async function actAs(browser, user, steps, { viewport = DESKTOP, allowed = [], artifact = 'failure' } = {}) {
  const phone = viewport === PHONE;
  const { page, context, errors } = await openPage(browser, viewport, { isMobile: phone });
  try {
    await signIn(page, user);
    await page.waitForURL(new RegExp(`^${BASE_URL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(console|portal)$`));
    await steps(page);
    assert.deepEqual(errors(allowed), [], `console errors as ${user}`);
  } catch (error) {
    await screenshot(page, `${artifact}-${user}`).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

/** Numbers each wait for a quiet screen, so that one wait's record never answers the next. */
let quietChecks = 0;

/**
 * No serious or critical axe findings on the page, checked once no toast has been on screen for
 * half a second and every finite animation has ended (a half-transparent element fails
 * contrast). The quiet period matters: a toast is mounted a tick after the action that shows it,
 * and its fade is driven from script, so neither "detached now" nor the page's animations see it
 * coming.
 * @param {import('playwright-core').Page} page @param {string} label
 */
export async function noSeriousViolations(page, label) {
  await page.waitForFunction(
    (marker) => {
      const state = /** @type {Record<string, number | undefined>} */ (/** @type {unknown} */ (window));
      if (document.querySelector('.adm-toast-mask, .ant-message-notice')) {
        state[marker] = undefined;
        return false;
      }
      state[marker] ??= performance.now();
      return performance.now() - (state[marker] ?? 0) >= 500;
    },
    `__butlerQuietSince${++quietChecks}`,
    { timeout: 10_000, polling: 50 },
  );
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
      undefined,
      { timeout: 5000 },
    )
    .catch(() => {});
  assert.deepEqual(await seriousViolations(page), [], `axe on ${label}`);
}

/** The OK button of the confirmation that pops over a form. @param {import('playwright-core').Page} page */
export async function confirm(page) {
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
}

/** @type {Map<string, string>} */
const tokens = new Map();

/**
 * Calls the API as `username` (signed in once per file) and answers the parsed body; fails the
 * test on an error answer. For setting up what a test needs; the screens are what it tests.
 * @param {string} username @param {string} method @param {string} path @param {unknown} [body]
 */
export async function api(username, method, path, body) {
  let token = tokens.get(username);
  if (!token) {
    const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenant: DEMO.tenant, username, password: DEMO.password }),
    });
    assert.equal(login.status, 200, `${username} signs in`);
    token = /** @type {string} */ ((await login.json()).access_token);
    tokens.set(username, token);
  }
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path} as ${username}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
