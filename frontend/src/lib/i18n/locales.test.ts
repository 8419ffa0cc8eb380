import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { NAMESPACES } from './i18n';

const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

/** Every leaf key; plural forms (`_one`, `_other`, ...) count as their base key. */
function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locale files', () => {
  it.each(NAMESPACES)('%s has the same keys in every language', (namespace) => {
    const [reference, ...others] = LANGUAGES.map((language) => {
      const file = files[`./locales/${language}/${namespace}.json`];
      expect(file, `${language}/${namespace}.json`).toBeDefined();
      return [...new Set(keys(file))].sort();
    });
    for (const other of others) expect(other).toEqual(reference);
  });

  it('has no empty strings', () => {
    for (const [file, tree] of Object.entries(files)) {
      const json = JSON.stringify(tree);
      expect(json.includes('""'), file).toBe(false);
    }
  });
});
