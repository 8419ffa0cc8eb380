import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '@/lib/i18n/i18n';
import { plainTranslate } from '@/lib/i18n/plain-translate';
import {
  DEFAULT_OFFICE_HOURS,
  formatCountdown,
  minutesPerWorkingDay,
  officeMinutesBetween,
  workingCalendar,
  workingTimeLeft,
} from './working-time';

/** 2026-10-01..07 are the National Day holidays; Sunday 2026-10-11 is a 调休 working day. */
const calendar = workingCalendar(DEFAULT_OFFICE_HOURS, [
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, working: false })),
  { date: '2026-10-11', working: true },
]);
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('working time (Asia/Shanghai office hours)', () => {
  it('counts a working day as the office hours of the day', () => {
    expect(minutesPerWorkingDay(calendar)).toBe(390); // 09:00–12:00 and 14:30–18:00
    expect(officeMinutesBetween(calendar, at('2026-11-23T00:00:00'), at('2026-11-24T00:00:00'))).toBe(390);
  });

  it('skips the lunch break, nights, weekends and holidays', () => {
    // Monday 11:30 → 15:00: 30 min before lunch, 30 after.
    expect(officeMinutesBetween(calendar, at('2026-11-23T11:30:00'), at('2026-11-23T15:00:00'))).toBe(60);
    // Friday 17:00 → Monday 10:00: 60 + 60.
    expect(officeMinutesBetween(calendar, at('2026-11-20T17:00:00'), at('2026-11-23T10:00:00'))).toBe(120);
    // Across the National Day week: Wednesday 09-30 17:00 → Thursday 10-08 10:00.
    expect(officeMinutesBetween(calendar, at('2026-09-30T17:00:00'), at('2026-10-08T10:00:00'))).toBe(120);
    // A 调休 Sunday counts.
    expect(officeMinutesBetween(calendar, at('2026-10-11T00:00:00'), at('2026-10-12T00:00:00'))).toBe(390);
  });

  it('counts each day by its own hours where the calendar gives them (winter hours)', () => {
    const winter = [
      { start: '08:00', end: '12:00' },
      { start: '14:00', end: '17:00' },
    ];
    const seasonal = workingCalendar(DEFAULT_OFFICE_HOURS, [
      { date: '2026-10-30', working: true, office_hours: DEFAULT_OFFICE_HOURS },
      { date: '2026-11-02', working: true, office_hours: winter },
    ]);
    // Friday by the standard hours (390), Monday by the winter ones (420).
    expect(officeMinutesBetween(seasonal, at('2026-10-30T00:00:00'), at('2026-10-31T00:00:00'))).toBe(390);
    expect(officeMinutesBetween(seasonal, at('2026-11-02T00:00:00'), at('2026-11-03T00:00:00'))).toBe(420);
    // 08:00–09:00 counts on a winter day only.
    expect(officeMinutesBetween(seasonal, at('2026-11-02T08:00:00'), at('2026-11-02T09:00:00'))).toBe(60);
    expect(officeMinutesBetween(seasonal, at('2026-10-30T08:00:00'), at('2026-10-30T09:00:00'))).toBe(0);
  });

  it('is independent of the browser time zone (instants are absolute)', () => {
    const from = Date.UTC(2026, 10, 23, 1, 0); // 09:00 in Shanghai
    expect(officeMinutesBetween(calendar, from, from + 3 * 3_600_000)).toBe(180);
  });

  it('tells remaining and overdue time apart', () => {
    const left = workingTimeLeft(calendar, at('2026-11-23T09:00:00'), at('2026-11-25T11:00:00'));
    expect(left).toEqual({ overdue: false, totalMinutes: 390 * 2 + 120, days: 2, hours: 2, minutes: 0 });
    const late = workingTimeLeft(calendar, at('2026-11-23T10:00:00'), at('2026-11-23T09:35:00'));
    expect(late).toMatchObject({ overdue: true, totalMinutes: 25, days: 0, hours: 0, minutes: 25 });
  });
});

describe('countdown wording', () => {
  beforeAll(async () => {
    await initI18n('zh-CN');
    await i18n.loadNamespaces('cases');
  });
  const t = plainTranslate(i18n.t);

  it('shows at most two units, in working days first', async () => {
    await i18n.changeLanguage('zh-CN');
    const left = (from: string, to: string) => formatCountdown(t, workingTimeLeft(calendar, at(from), at(to)));
    expect(left('2026-11-23T09:00:00', '2026-11-25T11:00:00')).toBe('剩余 2 个工作日 2 小时');
    expect(left('2026-11-23T09:00:00', '2026-11-24T09:00:00')).toBe('剩余 1 个工作日');
    expect(left('2026-11-23T09:00:00', '2026-11-23T11:20:00')).toBe('剩余 2 小时 20 分钟');
    expect(left('2026-11-23T09:00:00', '2026-11-23T09:25:00')).toBe('剩余 25 分钟');
    expect(left('2026-11-23T10:00:00', '2026-11-23T09:35:00')).toBe('已超时 25 分钟');
    // Past the deadline but no office time since (Saturday after a Friday 18:00 deadline).
    expect(left('2026-11-21T10:00:00', '2026-11-20T18:00:00')).toBe('已超时');
  });

  it('speaks English too', async () => {
    await i18n.changeLanguage('en');
    await i18n.loadNamespaces('cases');
    const text = formatCountdown(t, workingTimeLeft(calendar, at('2026-11-23T09:00:00'), at('2026-11-24T10:00:00')));
    expect(text).toBe('1 working day 1 h left');
    expect(formatCountdown(t, workingTimeLeft(calendar, at('2026-11-23T09:00:00'), at('2026-11-25T09:00:00')))).toBe(
      '2 working days left',
    );
    await i18n.changeLanguage('zh-CN');
  });
});
