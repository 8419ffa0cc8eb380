// Lighthouse (mobile preset, performance only) on the portal's first screen as a signed-in
// enterprise sees it, against a running server. Prints the report's figures as one JSON line.
//
//   node run.mjs http://127.0.0.1:8080 [report.json]
//
// The enterprise signs in through the API in a page of the same origin (no page of the app is
// loaded first), the browser's cache is emptied, and Lighthouse loads /portal cold with the
// session kept (the app keeps it in sessionStorage).
import { writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const base = (process.argv[2] ?? '').replace(/\/+$/, '');
if (!base) {
  console.error('usage: node run.mjs BASE_URL [report.json]');
  process.exit(2);
}
const reportPath = process.argv[3];
const tenant = process.env.LIGHTHOUSE_TENANT ?? 'dayao';
const username = process.env.LIGHTHOUSE_USER ?? 'enterprise';
const password = process.env.LIGHTHOUSE_PASSWORD ?? 'butler-demo';

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  // A file of the same origin that runs no script of the app (an API answer's policy forbids
  // fetching from it).
  await page.goto(`${base}/favicon.svg`);
  const signedIn = await page.evaluate(
    async ({ tenant, username, password }) => {
      const res = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant, username, password }),
      });
      if (!res.ok) return `sign-in answered ${res.status}`;
      const grant = await res.json();
      sessionStorage.setItem(
        'butler.session',
        JSON.stringify({
          accessToken: grant.access_token,
          refreshToken: grant.refresh_token,
          expiresAt: Date.now() + grant.expires_in * 1000,
        }),
      );
      return 'ok';
    },
    { tenant, username, password },
  );
  if (signedIn !== 'ok') throw new Error(signedIn);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.clearBrowserCache');

  const result = await lighthouse(
    `${base}/portal`,
    { output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: true },
    undefined,
    page,
  );
  if (!result) throw new Error('Lighthouse gave no result');
  const lhr = result.lhr;
  if (reportPath) writeFileSync(reportPath, typeof result.report === 'string' ? result.report : result.report[0]);
  const audit = (id) => lhr.audits[id]?.numericValue ?? null;
  const round = (v) => (v === null ? null : Math.round(v));
  const figures = {
    lighthouse: {
      url: lhr.finalDisplayedUrl,
      preset: lhr.configSettings.formFactor,
      version: lhr.lighthouseVersion,
      performance_score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      first_contentful_paint_ms: round(audit('first-contentful-paint')),
      largest_contentful_paint_ms: round(audit('largest-contentful-paint')),
      speed_index_ms: round(audit('speed-index')),
      total_blocking_time_ms: round(audit('total-blocking-time')),
      cumulative_layout_shift: audit('cumulative-layout-shift'),
      time_to_interactive_ms: round(audit('interactive')),
      transfer_bytes: round(audit('total-byte-weight')),
      runtime_error: lhr.runtimeError?.message ?? null,
    },
  };
  console.log(JSON.stringify(figures));
  if (!new URL(lhr.finalDisplayedUrl).pathname.startsWith('/portal')) {
    throw new Error(`measured ${lhr.finalDisplayedUrl}, not the portal: the sign-in did not hold`);
  }
} finally {
  await browser.close();
}
