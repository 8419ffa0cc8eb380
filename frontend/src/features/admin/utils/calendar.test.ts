import { describe, expect, it } from 'vitest';
import { baseDay, calendarDayToRequest, localChanges, officeHoursText, yearOf, yearRange, type CalendarDay } from './calendar';

const day = (overrides: Partial<CalendarDay> & Pick<CalendarDay, 'date'>): CalendarDay => ({
  weekday: 1,
  working: true,
  source: 'weekday',
  name: null,
  national_working: true,
  national_name: null,
  office_hours: [],
  ...overrides,
});

describe('the local calendar', () => {
  it('asks for one whole year, within the API’s 366 days', () => {
    expect(yearRange(2028)).toEqual({ from: '2028-01-01', to: '2028-12-31' });
    expect(yearOf('2027-07-24')).toBe(2027);
  });

  it('picks out the local changes, in date order', () => {
    const days = [
      day({ date: '2026-10-01', weekday: 4, working: false, source: 'national', name: '国庆节', national_working: false, national_name: '国庆节' }),
      day({ date: '2026-11-16', weekday: 1, working: false, source: 'local', name: '彝族年' }),
      day({ date: '2026-07-24', weekday: 5, working: false, source: 'local', name: '火把节' }),
      day({ date: '2026-07-25', weekday: 6, working: false, source: 'weekend', national_working: false }),
    ];
    expect(localChanges(days).map((d) => d.name)).toEqual(['火把节', '彝族年']);
  });

  it('says what the day would be without the change', () => {
    expect(baseDay(day({ date: '2026-07-24', weekday: 5 }))).toEqual({ kind: 'weekday' });
    expect(baseDay(day({ date: '2026-07-25', weekday: 6, national_working: false }))).toEqual({ kind: 'weekend' });
    expect(baseDay(day({ date: '2026-09-27', weekday: 7, national_name: '国庆节、中秋节', national_working: true }))).toEqual({
      kind: 'national',
      name: '国庆节、中秋节',
      working: true,
    });
  });

  it('puts the date in the path and the kind and note in the body', () => {
    expect(calendarDayToRequest({ date: '2026-07-24', kind: 'holiday', name: ' 火把节 ' })).toEqual({
      date: '2026-07-24',
      body: { working: false, name: '火把节' },
    });
    expect(calendarDayToRequest({ date: '2026-08-01', kind: 'working', name: '补班' }).body.working).toBe(true);
  });

  it('writes the office hours on one line', () => {
    const hours = [
      { start: '09:00', end: '12:00' },
      { start: '14:30', end: '18:00' },
    ];
    expect(officeHoursText(hours, '、')).toBe('09:00–12:00、14:30–18:00');
  });
});
