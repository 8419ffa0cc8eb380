/** Fen as yuan with grouping, two decimals unless the amount is whole: 123456 → "1,234.56", 3200 → "32". */
export function formatYuan(fen: number): string {
  const whole = fen % 100 === 0;
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
}

/** Typed yuan (`12.5`, `1,200`) as whole fen; `null` when it is no amount. */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
