// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core (no
// browser download), console-error capture, and axe-core checks.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, errors as playwrightErrors } from 'playwright-core';

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

/**
 * What shows that part of the page is still loading: an Ant Design spinner (a table's or a
 * page's, which also dims what it covers to half opacity), a button in its loading state (dimmed
 * too), a skeleton, antd-mobile's loading button, the app's own route fallback, and anything
 * marked busy for assistive technology. Only visible ones count.
 */
const BUSY = [
  '[aria-busy="true"]',
  '.ant-spin-spinning',
  '.ant-btn-loading',
  '.ant-skeleton',
  '.adm-button-loading',
  '.route-fallback',
].join(', ');

/**
 * Waits until nothing visible on the page is loading (see BUSY). Call it once the screen whose
 * data it waits for is on the page (its heading or table), or it may find the old one idle.
 * @param {import('playwright-core').Page} page
 */
export async function loaded(page, { timeout = 15_000 } = {}) {
  await page.waitForFunction(
    (busy) => ![...document.querySelectorAll(busy)].some((element) => element.checkVisibility()),
    BUSY,
    { timeout, polling: 50 },
  );
}

/**
 * Runs `check` (assertions about the page) until it passes or `timeout` ms have passed, then
 * throws its last failure: for a state the page reaches on its own after an action (a value
 * filled in from another, a list refiltered) when no single element's appearance says so.
 * @template T @param {() => Promise<T>} check @returns {Promise<T>}
 */
export async function eventually(check, { timeout = 15_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Numbers each wait for a quiet screen, so that one wait's record never answers the next. */
let quietChecks = 0;

/**
 * No serious or critical axe findings on the page, checked once, for half a second, no toast has
 * been on screen and nothing has been loading (a loading table or button is drawn at half
 * opacity, and the rows it waits for are not there yet), and then every finite animation has
 * ended (a half-transparent element fails contrast). The quiet period matters: a toast is
 * mounted a tick after the action that shows it, and its fade is driven from script, so neither
 * "detached now" nor the page's animations see it coming.
 * @param {import('playwright-core').Page} page @param {string} label
 */
export async function noSeriousViolations(page, label) {
  await page.waitForFunction(
    ([marker, busy]) => {
      const state = /** @type {Record<string, number | undefined>} */ (/** @type {unknown} */ (window));
      const loading = [...document.querySelectorAll(busy)].some((element) => element.checkVisibility());
      if (loading || document.querySelector('.adm-toast-mask, .ant-message-notice')) {
        state[marker] = undefined;
        return false;
      }
      state[marker] ??= performance.now();
      return performance.now() - (state[marker] ?? 0) >= 500;
    },
    [`__butlerQuietSince${++quietChecks}`, BUSY],
    { timeout: 15_000, polling: 50 },
  );
  try {
    await page.waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
      undefined,
      { timeout: 10_000 },
    );
  } catch (error) {
    if (!(error instanceof playwrightErrors.TimeoutError)) throw error;
    // Say which animation never ended instead of checking a half-drawn screen.
    const running = await page.evaluate(() =>
      document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => {
          const target = /** @type {KeyframeEffect | null} */ (a.effect)?.target;
          const name = 'animationName' in a ? a.animationName : 'transitionProperty' in a ? a.transitionProperty : a.id;
          return `${String(name)} on <${target?.tagName.toLowerCase() ?? '?'} class="${target?.getAttribute('class') ?? ''}">`;
        }),
    );
    throw new Error(`axe on ${label}: animations still running after 10 s: ${running.join('; ')}`, { cause: error });
  }
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
