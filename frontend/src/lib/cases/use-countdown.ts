import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown, workingTimeLeft } from '@/lib/format/working-time';
import { plainTranslate } from '@/lib/i18n/plain-translate';
import { useNow } from '@/lib/use-now';
import { useWorkingCalendar } from './api/calendar';

export interface Countdown {
  /** `剩余 2 个工作日 3 小时`, `已超时 25 分钟`. */
  text: string;
  overdue: boolean;
  /** Office minutes left (negative: past the deadline). */
  minutes: number;
}

/**
 * A function from a deadline (ISO instant) to its countdown in working time, kept current
 * every minute. `null` until the tenant's calendar has loaded.
 */
export function useCountdown(): (deadline: string) => Countdown | null {
  const { t } = useTranslation('cases');
  const calendar = useWorkingCalendar();
  const now = useNow();
  return useCallback(
    (deadline: string) => {
      if (!calendar) return null;
      const at = Date.parse(deadline);
      if (Number.isNaN(at)) return null;
      const left = workingTimeLeft(calendar, now, at);
      return {
        text: formatCountdown(plainTranslate(t), left),
        overdue: left.overdue,
        minutes: left.overdue ? -left.totalMinutes : left.totalMinutes,
      };
    },
    [calendar, now, t],
  );
}
