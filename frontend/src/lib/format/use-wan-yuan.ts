import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWanAmount, type WanYuanOptions } from './money';

/** Formats an amount with its unit in the UI language: `5,000.00 万元`. */
export function useWanYuan() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (value: number | bigint | string, options: Omit<WanYuanOptions, 'locale'> = {}) =>
      t('money.wanYuan', { amount: formatWanAmount(value, { ...options, locale: i18n.language }) }),
    [t, i18n.language],
  );
}
