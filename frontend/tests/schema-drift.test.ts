/**
 * The web side of the contract check: schema.d.ts must be what openapi-typescript makes of the
 * committed openapi/openapi.json (fix: `npm run gen:api`).
 */
// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const frontend = fileURLToPath(new URL('..', import.meta.url));
const contract = join(frontend, '../openapi/openapi.json');

describe('generated API types', () => {
  it('say that they are generated', () => {
    const schema = readFileSync(join(frontend, 'src/lib/api/schema.d.ts'), 'utf8');
    expect(schema.startsWith('/**\n * GENERATED FILE — DO NOT EDIT.')).toBe(true);
  });

  it.skipIf(!existsSync(contract))('match openapi/openapi.json', () => {
    let output = '';
    try {
      output = execFileSync(process.execPath, ['scripts/gen-api.mjs', '--check'], {
        cwd: frontend,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const failure = error as { stderr?: string };
      expect.fail(failure.stderr ?? String(error));
    }
    expect(output).toContain('up to date');
  }, 60_000);
});
