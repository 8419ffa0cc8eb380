/**
 * Money in 万元 (ten thousand yuan), the unit Chinese officials read investment amounts in.
 * The API carries amounts as integer fen (分); this converts exactly with BigInt — no float
 * rounding — and rounds half away from zero to the requested number of decimals.
 */

/** 1 万元 = 10 000 元 = 1 000 000 分. */
const FEN_PER_WAN = 1_000_000n;
const FEN_PER_YUAN = 100n;

export type AmountUnit = 'fen' | 'yuan';

export interface WanYuanOptions {
  /** Unit of the input value; the API uses fen. Default `fen`. */
  unit?: AmountUnit;
  /** Decimals shown, 0–6. Default 2. */
  fractionDigits?: number;
  /** Drop trailing zeros of the fraction (5,000.50 → 5,000.5; 5,000.00 → 5,000). Default false. */
  trimZeros?: boolean;
  /** Locale for digit grouping. Default zh-CN. */
  locale?: string;
}

function toBigInt(value: number | bigint | string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount: ${value}`);
    return BigInt(value);
  }
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) throw new RangeError(`not an integer amount: ${value}`);
  return BigInt(text);
}

/**
 * The number of 万元 in `value`, as grouped digits without the unit:
 * `formatWanAmount(5_000_000_000)` → `"5,000.00"` (50 million yuan, in fen).
 */
export function formatWanAmount(value: number | bigint | string, options: WanYuanOptions = {}): string {
  const { unit = 'fen', fractionDigits = 2, trimZeros = false, locale = 'zh-CN' } = options;
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 6) {
    throw new RangeError(`fractionDigits must be 0–6, got ${fractionDigits}`);
  }
  const fen = toBigInt(value) * (unit === 'yuan' ? FEN_PER_YUAN : 1n);
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;

  // Scale to units of 10^-fractionDigits 万元, rounding half away from zero.
  const scale = 10n ** BigInt(fractionDigits);
  const scaled = (magnitude * scale * 2n + FEN_PER_WAN) / (FEN_PER_WAN * 2n);
  const whole = scaled / scale;
  let fraction = fractionDigits === 0 ? '' : (scaled % scale).toString().padStart(fractionDigits, '0');
  if (trimZeros) fraction = fraction.replace(/0+$/, '');

  const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(whole);
  const sign = negative && scaled !== 0n ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Reads an amount typed in 万元 (`28000`, `28,000.5`, `0.000001`) as integer fen, exactly;
 * `null` when it is not a non-negative number with at most 6 decimals (1 fen = 0.000001 万元)
 * or is too large to be carried safely.
 */
export function parseWanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d{0,6}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = BigInt(match[1] ?? '0') * FEN_PER_WAN + BigInt((match[2] ?? '').padEnd(6, '0') || '0');
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null;
}
