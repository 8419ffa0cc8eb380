// Reports the gzipped JavaScript the portal's first screen loads and fails over the budget.
// Reads .build-stats/bundle.json, written by `vite build` (scripts/bundle-stats-plugin.ts).
//
//   npm run build && npm run size
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** @typedef {{ fileName: string, isEntry: boolean, facadeModule: string | null, imports: string[], dynamicImports: string[], css: string[], modules: string[] }} Chunk */

/** @type {{ chunks: Chunk[] }} */
let stats;
try {
  stats = JSON.parse(readFileSync(join(root, '.build-stats/bundle.json'), 'utf8'));
} catch {
  console.error('No build statistics: run `npm run build` first.');
  process.exit(1);
}
const byFile = new Map(stats.chunks.map((c) => [c.fileName, c]));
const entry = /** @type {Chunk} */ (stats.chunks.find((c) => c.isEntry));
if (!entry) throw new Error('no entry chunk in .build-stats/bundle.json');

/** The chunk whose own module is `module`, e.g. a lazily loaded route. */
function chunkOf(/** @type {string} */ module) {
  const chunk = stats.chunks.find((c) => c.facadeModule === module);
  if (!chunk) throw new Error(`no chunk for ${module}: was it renamed?`);
  return chunk;
}

/** `start` and every chunk it imports statically, transitively. */
function closure(/** @type {Chunk[]} */ start) {
  /** @type {Set<string>} */
  const seen = new Set();
  const queue = start.map((c) => c.fileName);
  while (queue.length) {
    const file = /** @type {string} */ (queue.pop());
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...(byFile.get(file)?.imports ?? []));
  }
  return [...seen].map((f) => /** @type {Chunk} */ (byFile.get(f)));
}

const gzipSize = (/** @type {string} */ file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** @param {string} title @param {string[]} lazyModules @param {number | null} budgetKb */
function report(title, lazyModules, budgetKb) {
  const chunks = closure([entry, ...lazyModules.map(chunkOf)]);
  let js = 0;
  const rows = chunks
    .map((c) => ({ file: c.fileName, gz: gzipSize(c.fileName) }))
    .sort((a, b) => b.gz - a.gz);
  for (const row of rows) js += row.gz;
  const css = new Set(chunks.flatMap((c) => c.css));
  let cssBytes = 0;
  for (const file of css) cssBytes += gzipSize(file);

  console.log(`\n${title}`);
  for (const row of rows) console.log(`  ${kb(row.gz).padStart(9)}  ${row.file}`);
  console.log(`  JS ${kb(js)} gzipped in ${rows.length} chunks (CSS ${kb(cssBytes)} more)` +
    (budgetKb ? `; budget ${budgetKb} KB` : ''));
  return { chunks, js };
}

const portal = report(
  '/portal first screen (entry + portal shell + portal home + zh-CN strings):',
  [
    'src/app/portal/portal-layout.tsx',
    'src/features/portal-home/components/portal-home-page.tsx',
    'src/lib/i18n/locales/zh-CN/common.json',
    'src/lib/i18n/locales/zh-CN/portal.json',
    'src/lib/i18n/locales/zh-CN/cases.json',
  ],
  BUDGET_KB,
);
report('/login (for information):', [
  'src/features/auth/components/login-page.tsx',
  'src/lib/i18n/locales/zh-CN/common.json',
  'src/lib/i18n/locales/zh-CN/auth.json',
], null);
report('/console (for information):', [
  'src/app/console/console-layout.tsx',
  'src/features/work-queue/components/work-queue-page.tsx',
  'src/lib/i18n/locales/zh-CN/common.json',
  'src/lib/i18n/locales/zh-CN/console.json',
  'src/lib/i18n/locales/zh-CN/cases.json',
], null);
report('/console/cases/:id, the case page (for information):', [
  'src/app/console/console-layout.tsx',
  'src/features/cases/components/case-page.tsx',
  'src/lib/i18n/locales/zh-CN/common.json',
  'src/lib/i18n/locales/zh-CN/console.json',
  'src/lib/i18n/locales/zh-CN/cases.json',
], null);
report('/console/supervision, with ECharts (for information):', [
  'src/app/console/console-layout.tsx',
  'src/features/supervision/components/supervision-page.tsx',
  'src/lib/i18n/locales/zh-CN/common.json',
  'src/lib/i18n/locales/zh-CN/console.json',
  'src/lib/i18n/locales/zh-CN/cases.json',
], null);
report('/portal/apply (for information):', [
  'src/app/portal/portal-layout.tsx',
  'src/features/portal-cases/components/portal-apply-page.tsx',
  'src/lib/i18n/locales/zh-CN/common.json',
  'src/lib/i18n/locales/zh-CN/portal.json',
  'src/lib/i18n/locales/zh-CN/cases.json',
], null);

let failed = false;
const desktop = portal.chunks.flatMap((c) =>
  c.modules.filter((m) => /node_modules\/(antd|@ant-design)\//.test(m)).map((m) => `${c.fileName}: ${m}`),
);
if (desktop.length) {
  console.error(`\nFAIL: Ant Design (desktop) code reaches the portal's first screen:\n  ${desktop.slice(0, 10).join('\n  ')}`);
  failed = true;
}
if (portal.js > BUDGET_KB * 1024) {
  console.error(`\nFAIL: the portal's first screen loads ${kb(portal.js)} of JS, over the ${BUDGET_KB} KB budget.`);
  failed = true;
}
if (failed) process.exit(1);
console.log(`\nOK: portal first screen ${kb(portal.js)} ≤ ${BUDGET_KB} KB, no Ant Design (desktop) code.`);
