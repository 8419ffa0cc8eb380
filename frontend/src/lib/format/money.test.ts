import { describe, expect, it } from 'vitest';
import { formatWanAmount, parseWanToFen } from './money';

describe('formatWanAmount (万元)', () => {
  it('converts fen to 万元 with grouping', () => {
    expect(formatWanAmount(5_000_000_000)).toBe('5,000.00'); // 5000 万元 = 50 M yuan
    expect(formatWanAmount(1_000_000)).toBe('1.00');
    expect(formatWanAmount(0)).toBe('0.00');
    expect(formatWanAmount(123_456_789_000_000)).toBe('123,456,789.00');
  });

  it('accepts yuan', () => {
    expect(formatWanAmount(50_000_000, { unit: 'yuan' })).toBe('5,000.00');
    expect(formatWanAmount(12_345, { unit: 'yuan', fractionDigits: 4 })).toBe('1.2345');
  });

  it('rounds half away from zero without float error', () => {
    expect(formatWanAmount(5_000)).toBe('0.01'); // 0.005 万元
    expect(formatWanAmount(4_999)).toBe('0.00');
    expect(formatWanAmount(-5_000)).toBe('-0.01');
    expect(formatWanAmount(-4_999)).toBe('0.00'); // no "-0.00"
    // 0.1 + 0.2 style traps: 1 234 567 fen = 1.234567 万元
    expect(formatWanAmount(1_234_567, { fractionDigits: 6 })).toBe('1.234567');
    expect(formatWanAmount(1_234_567, { fractionDigits: 3 })).toBe('1.235');
  });

  it('handles amounts beyond Number.MAX_SAFE_INTEGER as strings or bigints', () => {
    expect(formatWanAmount('900719925474099300')).toBe('900,719,925,474.10');
    expect(formatWanAmount(10n ** 20n)).toBe('100,000,000,000,000.00');
  });

  it('trims zeros and formats whole 万元', () => {
    expect(formatWanAmount(5_000_500_000, { trimZeros: true })).toBe('5,000.5');
    expect(formatWanAmount(5_000_000_000, { trimZeros: true })).toBe('5,000');
    expect(formatWanAmount(5_000_600_000, { fractionDigits: 0 })).toBe('5,001');
  });

  it('rejects non-integer or unsafe input', () => {
    expect(() => formatWanAmount(1.5)).toThrow(RangeError);
    expect(() => formatWanAmount(2 ** 60)).toThrow(RangeError);
    expect(() => formatWanAmount('12.5')).toThrow(RangeError);
    expect(() => formatWanAmount(1, { fractionDigits: 7 })).toThrow(RangeError);
  });
});

describe('parseWanToFen (typed 万元 → fen)', () => {
  it('converts exactly, with grouping and up to 6 decimals', () => {
    expect(parseWanToFen('28000')).toBe(28_000_000_000);
    expect(parseWanToFen(' 28,000.5 ')).toBe(28_000_500_000);
    expect(parseWanToFen('5000.')).toBe(5_000_000_000);
    expect(parseWanToFen('0.000001')).toBe(1);
    expect(parseWanToFen('1.1')).toBe(1_100_000); // no 1.1 * 1e6 float error
  });

  it('refuses what is not an amount', () => {
    expect(parseWanToFen('')).toBeNull();
    expect(parseWanToFen('-5')).toBeNull();
    expect(parseWanToFen('1.0000001')).toBeNull();
    expect(parseWanToFen('abc')).toBeNull();
    expect(parseWanToFen('99999999999999')).toBeNull(); // beyond a safe integer of fen
  });
});
