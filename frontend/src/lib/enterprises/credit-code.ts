/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015, checked as the server
 * checks it (crates/domain/src/credit_code.rs): eighteen characters from a 31-symbol alphabet
 * (digits and upper-case letters without I, O, Z, S, V), the last one a check character
 * computed from the first seventeen with the weights 3^i mod 31. Checking in the browser
 * catches a mistyped code before anything is sent; the server checks again.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Why a text is not a unified social credit code. */
export type CreditCodeProblem =
  /** It does not have 18 characters. */
  | { kind: 'length'; got: number }
  /** A character outside the GB 32100 alphabet, at a 1-based position. */
  | { kind: 'character'; position: number; ch: string }
  /** The check character does not match. */
  | { kind: 'check_digit'; expected: string };

export type CreditCodeResult = { ok: true; code: string } | { ok: false; problem: CreditCodeProblem };

/** The check character for 17 characters of the alphabet; null if one is outside it. */
function checkChar(body17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = ALPHABET.indexOf(body17[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] ?? null;
}

/** Checks a code; surrounding white space is ignored and lower case is accepted. */
export function parseCreditCode(input: string): CreditCodeResult {
  const upper = input.trim().toUpperCase();
  const chars = Array.from(upper);
  if (chars.length !== 18) return { ok: false, problem: { kind: 'length', got: chars.length } };
  const bad = chars.findIndex((ch) => !ALPHABET.includes(ch));
  if (bad >= 0) return { ok: false, problem: { kind: 'character', position: bad + 1, ch: chars[bad] ?? '' } };
  const expected = checkChar(upper.slice(0, 17));
  if (expected === null) return { ok: false, problem: { kind: 'length', got: chars.length } };
  if (upper[17] !== expected) return { ok: false, problem: { kind: 'check_digit', expected } };
  return { ok: true, code: upper };
}

/** Completes 17 characters with their check character; null if they are not 17 of the alphabet. */
export function completeCreditCode(body17: string): string | null {
  const upper = body17.trim().toUpperCase();
  if (Array.from(upper).length !== 17) return null;
  const check = checkChar(upper);
  return check === null ? null : `${upper}${check}`;
}
