import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuanToFen } from './money';

describe('legal fee amounts', () => {
  it('shows fen as yuan, whole amounts without decimals', () => {
    expect(formatYuan(0)).toBe('0');
    expect(formatYuan(3200)).toBe('32');
    expect(formatYuan(1250)).toBe('12.50');
    expect(formatYuan(123_456)).toBe('1,234.56');
  });

  it('reads typed yuan as whole fen without float traps', () => {
    expect(parseYuanToFen('12.5')).toBe(1250);
    expect(parseYuanToFen(' 1,200 ')).toBe(120_000);
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('1.234')).toBeNull();
    expect(parseYuanToFen('-3')).toBeNull();
    expect(parseYuanToFen('')).toBeNull();
  });
});
