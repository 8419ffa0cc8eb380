import { describe, expect, it } from 'vitest';
import { completeCreditCode, parseCreditCode } from './credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // Codes printed on public business licences (the server's test uses the same ones).
    for (const code of ['91350100M000100Y43', '91110000600037341L', '9144030071526726XG']) {
      expect(parseCreditCode(code), code).toEqual({ ok: true, code });
    }
    expect(parseCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('refuses bad codes and says why', () => {
    expect(parseCreditCode('9135010')).toEqual({ ok: false, problem: { kind: 'length', got: 7 } });
    expect(parseCreditCode('91350100M000100Y4I')).toEqual({
      ok: false,
      problem: { kind: 'character', position: 18, ch: 'I' },
    });
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: { kind: 'check_digit', expected: '3' } });
    // Full-width or Chinese characters count as one character each.
    expect(parseCreditCode('91350100M000100Y4中')).toEqual({
      ok: false,
      problem: { kind: 'character', position: 18, ch: '中' },
    });
  });

  it('completes 17 characters, and any single change of a completed code is caught', () => {
    expect(completeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(completeCreditCode('9135010')).toBeNull();
    expect(completeCreditCode('91350100M000100YO')).toBeNull();
    // A seeded walk over bodies, positions and changes (the server's proptest, in small).
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 300; run += 1) {
      const body = Array.from({ length: 17 }, () => ALPHABET[next(31)]).join('');
      const code = completeCreditCode(body);
      expect(code && parseCreditCode(code)).toEqual({ ok: true, code });
      const position = next(18);
      const old = ALPHABET.indexOf(code?.[position] ?? '');
      const changed = `${code?.slice(0, position)}${ALPHABET[(old + 1 + next(30)) % 31]}${code?.slice(position + 1)}`;
      expect(parseCreditCode(changed).ok, changed).toBe(false);
    }
  });
});
