// The Content-Security-Policy the server sends holds for what the app and the explorer really do:
// the console, the portal on a phone and /docs/ load and work with no violation reported
// (securitypolicyviolation events or the browser's console), and the pages carry the policy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, launch, noSeriousViolations, openPage, signIn } from './browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * A page that records every CSP violation from its first script on, and the policy of each
 * document it loads.
 * @param {{ width: number, height: number }} viewport
 */
async function watchedPage(viewport, isMobile = false) {
  const opened = await openPage(browser, viewport, { isMobile });
  await opened.context.addInitScript(() => {
    const seen = /** @type {string[]} */ ([]);
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  /** @type {string[]} */
  const policies = [];
  opened.page.on('response', (response) => {
    if (response.request().resourceType() === 'document') {
      policies.push(response.headers()['content-security-policy'] ?? '');
    }
  });
  return { ...opened, policies };
}

/** @param {import('playwright-core').Page} page */
async function violations(page) {
  return page.evaluate(() => /** @type {string[]} */ (Reflect.get(window, '__cspViolations') ?? []));
}

/** @param {string[]} policies */
function assertPolicyServed(policies) {
  assert.ok(policies.length > 0, 'no document was loaded');
  for (const policy of policies) {
    assert.match(policy, /script-src 'self'(;|$)/, `policy: ${policy}`);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.doesNotMatch(policy, /script-src[^;]*unsafe-(inline|eval)/);
  }
}

describe('content security policy', () => {
  it('the console works under it', async () => {
    const { page, context, errors, policies } = await watchedPage(DESKTOP);
    await signIn(page, 'supervisor');
    await page.waitForURL(`${BASE_URL}/console`);
    await page.getByRole('heading', { name: '您的待办队列' }).waitFor();
    // The statistics page brings ECharts (a canvas) and the case list Ant Design's tables.
    await page.goto(`${BASE_URL}/console/supervision`);
    await page.locator('canvas').first().waitFor();
    await page.goto(`${BASE_URL}/console/cases`);
    await page.getByRole('table').first().waitFor();
    await noSeriousViolations(page, 'console cases under the policy');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors(), []);
    assertPolicyServed(policies);
    await context.close();
  });

  it('the portal works under it on a phone', async () => {
    const { page, context, errors, policies } = await watchedPage(PHONE, true);
    await signIn(page, 'enterprise');
    await page.waitForURL(`${BASE_URL}/portal`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '您好' }).waitFor();
    await noSeriousViolations(page, 'portal under the policy');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors(), []);
    assertPolicyServed(policies);
    await context.close();
  });

  it('the API explorer works under it', async () => {
    const { page, context, errors, policies } = await watchedPage(DESKTOP);
    await page.goto(`${BASE_URL}/docs/`);
    // Swagger UI has read the contract and drawn its operations.
    await page.locator('.opblock').first().waitFor();
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors(), []);
    assertPolicyServed(policies);
    await context.close();
  });
});
