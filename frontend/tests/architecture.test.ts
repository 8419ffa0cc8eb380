/**
 * Grep-based architecture rules (STYLE 22–24). Cheap, and they fail with the offending file.
 */
// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const sources = files(SRC)
  .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))
  .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

const imports = (text: string) =>
  [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');

describe('architecture', () => {
  it('features do not import each other (only another feature’s mount/ entry points)', () => {
    const offenders = sources.flatMap(({ path, text }) => {
      const own = /^features\/([^/]+)\//.exec(path)?.[1];
      if (!own) return [];
      return imports(text)
        .filter((spec) => /^@\/features\//.test(spec) && !spec.startsWith(`@/features/${own}/`))
        .filter((spec) => !/^@\/features\/[^/]+\/mount\/[^/]+$/.test(spec))
        .map((spec) => `${path} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it('lib and components never import features or app', () => {
    const offenders = sources
      .filter(({ path }) => /^(lib|components)\//.test(path))
      .flatMap(({ path, text }) =>
        imports(text).filter((s) => /^@\/(features|app)\//.test(s)).map((s) => `${path} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the portal and shared code never import Ant Design (desktop)', () => {
    // Ant Design may be used only by the consoles: app/console, app/platform (the platform's),
    // components/console and the consoles' features.
    const consoleSide = /^(app\/console|app\/platform|components\/console|features\/(admin|audit-log|cases|complaints|conditions|consultations|county-settings|departments|fees-prereview|intake|integrations|intermediaries|items|meetings|national-calendar|onboarding|platform|supervision|templates|work-queue))\//;
    const offenders = sources
      .filter(({ path }) => !consoleSide.test(path))
      .flatMap(({ path, text }) =>
        imports(text)
          .filter((s) => /^(antd(\/|$)|@ant-design\/|@\/components\/console\/)/.test(s))
          .map((s) => `${path} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the console never imports antd-mobile', () => {
    const offenders = sources
      .filter(({ path }) => !/^(app\/(portal|public)|features\/(portal|public)-[a-z-]+)\//.test(path))
      .flatMap(({ path, text }) =>
        imports(text).filter((s) => /^antd-mobile/.test(s)).map((s) => `${path} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('ECharts is loaded only by the supervision feature (its own lazy route)', () => {
    const offenders = sources
      .filter(({ path }) => !path.startsWith('features/supervision/'))
      .flatMap(({ path, text }) =>
        imports(text).filter((s) => /^(echarts|zrender)(\/|$)/.test(s)).map((s) => `${path} imports ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('only lib/api talks HTTP, through the generated client', () => {
    const offenders = sources
      // testing/ holds the test doubles that stand in for HTTP (a fake fetch, a fake XMLHttpRequest).
      .filter(({ path }) => !path.startsWith('lib/api/') && !path.startsWith('testing/') && !path.endsWith('.test.ts') && !path.endsWith('.test.tsx'))
      .filter(({ text }) => /(?<![.\w])fetch\(|XMLHttpRequest|axios/.test(text))
      .map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('query keys come from the factories, never from literal arrays (STYLE 25)', () => {
    // lib/query-keys.ts and a feature's api/query-keys.ts build them; everyone else calls them.
    const literal = /queryKey:\s*\[|set(?:Query|Queries)Data(?:<[^>]*>)?\(\s*\[/;
    const offenders = sources
      .filter(({ path }) => !/(^|\/)query-keys(\.test)?\.ts$/.test(path) && !/\.test\.tsx?$/.test(path))
      .filter(({ text }) => literal.test(text))
      .map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('file names are kebab-case', () => {
    const offenders = files(SRC)
      .map((f) => relative(SRC, f))
      .filter((f) => !f.split('/').every((part) => /^[a-z0-9][a-z0-9.-]*$/.test(part.replace('zh-CN', 'zh-cn'))));
    expect(offenders).toEqual([]);
  });
});
