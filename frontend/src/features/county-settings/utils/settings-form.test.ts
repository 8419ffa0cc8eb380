import { describe, expect, it } from 'vitest';
import { fenToWan, formPath, toBody, toFormValues, wanToFen, type CountySettingsBody } from './settings-form';

const defaults: CountySettingsBody = {
  office_hours: {
    standard: [
      { start: '09:00', end: '12:00' },
      { start: '14:30', end: '18:00' },
    ],
    seasonal: null,
  },
  acknowledge_within_minutes: 30,
  acknowledgement_ladder: [
    { code: 'remind_before', kind: 'reminder', notify: 'agent', offset: -10, unit: 'office_minutes' },
    { code: 'at_deadline', kind: 'at_deadline', notify: 'department_leader', offset: 0, unit: 'office_minutes' },
  ],
  finishing_ladder: [
    { code: 'remind_before', kind: 'reminder', notify: 'agent', offset: -1, unit: 'working_days' },
    { code: 'escalate_office', kind: 'escalation', notify: 'office', offset: 3, unit: 'working_days' },
  ],
  rectification_working_days: 15,
  target_working_days: 120,
  investment_threshold_fen: 5_000_000_000,
  case_number_prefix: null,
};

describe('the county settings form', () => {
  it('edits the threshold in 万元 and sends fen', () => {
    expect(fenToWan(5_000_000_000)).toBe(5000);
    expect(wanToFen(5000)).toBe(5_000_000_000);
    expect(wanToFen(0.01)).toBe(10_000);
    expect(wanToFen(1234.56)).toBe(1_234_560_000);
    expect(toFormValues(defaults).investment_threshold_wan).toBe(5000);
  });

  it('round-trips the settings unchanged', () => {
    expect(toBody(toFormValues(defaults))).toEqual(defaults);
    const seasonal: CountySettingsBody = {
      ...defaults,
      office_hours: {
        ...defaults.office_hours,
        seasonal: { from: '11-01', until: '02-28', hours: [{ start: '08:00', end: '17:00' }] },
      },
      case_number_prefix: 'CX',
    };
    expect(toBody(toFormValues(seasonal))).toEqual(seasonal);
  });

  it('turns the seasonal switch into the timetable, and an empty prefix into none', () => {
    const values = toFormValues(defaults);
    expect(values.seasonal_enabled).toBe(false);
    expect(values.case_number_prefix).toBe('');
    const on = toBody({ ...values, seasonal_enabled: true, case_number_prefix: ' cx-1 ' });
    expect(on.office_hours.seasonal).toEqual({
      from: '05-01',
      until: '09-30',
      hours: [
        { start: '08:30', end: '12:00' },
        { start: '15:00', end: '18:30' },
      ],
    });
    expect(on.case_number_prefix).toBe('CX-1');
    expect(toBody({ ...values, case_number_prefix: '   ' }).case_number_prefix).toBeNull();
  });

  it('places the API’s field errors on the form’s fields', () => {
    expect(formPath('finishing_ladder.steps[2].offset')).toEqual(['finishing_ladder', 2, 'offset']);
    expect(formPath('acknowledgement_ladder.steps')).toEqual(['acknowledgement_ladder']);
    expect(formPath('office_hours.standard[1].end')).toEqual(['standard', 1, 'end']);
    expect(formPath('office_hours.seasonal.hours[0].start')).toEqual(['seasonal_hours', 0, 'start']);
    expect(formPath('office_hours.seasonal')).toEqual(['seasonal_from']);
    expect(formPath('investment_threshold_fen')).toEqual(['investment_threshold_wan']);
    expect(formPath('case_number_prefix')).toEqual(['case_number_prefix']);
  });
});
