// ESLint for the web app (STYLE 26): JavaScript and TypeScript recommendations, the rules of
// hooks, accessibility, and the architecture rules that ESLint can express (STYLE 22).
// `npm run lint`; `scripts/test-web` runs it in CI.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The console's features (Ant Design); the phone shells' are named `portal-*` (the enterprise
 * portal) and `public-*` (the public side without sign-in), both antd-mobile.
 */
const portalFeatures = features.filter((name) => name.startsWith('portal-') || name.startsWith('public-'));
/** Features the sign-in page and both shells share: neither kit. */
const neutralFeatures = ['auth'];
const consoleFeatures = features.filter((name) => !portalFeatures.includes(name) && !neutralFeatures.includes(name));

const antDesign = {
  group: ['antd', 'antd/**', '@ant-design/**', '@/components/console/**'],
  message: 'Ant Design is for the console only (app/console, components/console and the console features).',
};
const antdMobile = {
  group: ['antd-mobile', 'antd-mobile/**', 'antd-mobile-icons'],
  message: 'antd-mobile is for the phone shells only (app/portal, app/public, features/portal-* and public-*).',
};
const echarts = {
  group: ['echarts', 'echarts/**', 'zrender', 'zrender/**'],
  message: 'ECharts is loaded only by features/supervision (its own lazy chunk).',
};

/** `no-restricted-imports` for the files of one part: one rule object, as a later one replaces an earlier one. */
const restrict = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', '.build-stats/', 'e2e-artifacts/', 'src/lib/api/schema.d.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  { files: ['src/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['*.{js,ts}', 'scripts/**/*.{ts,mjs}', 'tests/**/*.ts', 'e2e/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  // The browser tests' `page.evaluate` callbacks run in the page.
  { files: ['e2e/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // Architecture (STYLE 22; tests/architecture.test.ts checks the same by grep). Paths are
  // resolved, so `@/features/x` and `../../x` are caught alike.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // Features don't import each other, except a feature's `mount/` entry points: the
            // sections it adds to another feature's page, mounted there with one line.
            ...features.map((name) => ({
              target: `./src/features/${name}`,
              from: './src/features',
              except: [`./${name}`, ...features.filter((other) => other !== name).map((other) => `./${other}/mount`)],
              message: 'Features do not import each other: move what both need to lib/ or components/.',
            })),
            // lib/ (the shared layers, the case domain in lib/cases among them) and components/
            // import neither features nor the app.
            ...['lib', 'components'].flatMap((layer) => [
              {
                target: `./src/${layer}`,
                from: './src/features',
                message: `${layer}/ is shared: it never imports a feature.`,
              },
              {
                target: `./src/${layer}`,
                from: './src/app',
                message: `${layer}/ is shared: it never imports the app.`,
              },
            ]),
          ],
        },
      ],
    },
  },
  // Which UI kit, and ECharts, where (one rule object per part of the tree).
  restrict(
    consoleFeatures.filter((name) => name !== 'supervision').map((name) => `src/features/${name}/**`),
    antdMobile,
    echarts,
  ),
  restrict(['src/features/supervision/**'], antdMobile),
  restrict(['src/app/console/**', 'src/app/platform/**', 'src/components/console/**'], antdMobile, echarts),
  restrict(['src/app/portal/**', 'src/app/public/**', ...portalFeatures.map((name) => `src/features/${name}/**`)], antDesign, echarts),
  {
    ...restrict(
      ['src/**'],
      antDesign,
      antdMobile,
      echarts,
    ),
    ignores: [
      'src/app/console/**',
      'src/app/platform/**',
      'src/app/portal/**',
      'src/app/public/**',
      'src/components/console/**',
      ...features.filter((name) => !neutralFeatures.includes(name)).map((name) => `src/features/${name}/**`),
    ],
  },
);
