/**
 * The county settings form's values and their conversions to and from the API body: the
 * investment threshold is edited in 万元 and sent in fen; the seasonal timetable is a switch
 * with its span and hours; the rest goes as it is.
 */
import type { Schema } from '@/lib/api/types';

export type CountySettingsBody = Schema<'CountySettingsBody'>;
export type LadderStep = Schema<'LadderStepBody'>;
export type OfficeSpan = Schema<'OfficeSpanBody'>;

/** One fen is 1/1,000,000 of a 万元. */
export const FEN_PER_WAN = 1_000_000;

export interface SettingsFormValues {
  standard: OfficeSpan[];
  seasonal_enabled: boolean;
  seasonal_from: string;
  seasonal_until: string;
  seasonal_hours: OfficeSpan[];
  acknowledge_within_minutes: number;
  acknowledgement_ladder: LadderStep[];
  finishing_ladder: LadderStep[];
  rectification_working_days: number;
  target_working_days: number;
  /** The threshold in 万元 (up to two decimals: whole yuan). */
  investment_threshold_wan: number;
  /** Empty: the county's code in capitals. */
  case_number_prefix: string;
  note: string;
}

/** The summer hours offered when the switch is first turned on. */
export const SUMMER_DEFAULT = {
  from: '05-01',
  until: '09-30',
  hours: [
    { start: '08:30', end: '12:00' },
    { start: '15:00', end: '18:30' },
  ],
};

export function fenToWan(fen: number): number {
  return fen / FEN_PER_WAN;
}

/** 万元 to fen, rounded to the fen (the form keeps two decimals of 万元 at most). */
export function wanToFen(wan: number): number {
  return Math.round(wan * FEN_PER_WAN);
}

export function toFormValues(s: CountySettingsBody): SettingsFormValues {
  const seasonal = s.office_hours.seasonal ?? null;
  return {
    standard: s.office_hours.standard.map((x) => ({ ...x })),
    seasonal_enabled: seasonal !== null,
    seasonal_from: seasonal?.from ?? SUMMER_DEFAULT.from,
    seasonal_until: seasonal?.until ?? SUMMER_DEFAULT.until,
    seasonal_hours: (seasonal?.hours ?? SUMMER_DEFAULT.hours).map((x) => ({ ...x })),
    acknowledge_within_minutes: s.acknowledge_within_minutes,
    acknowledgement_ladder: s.acknowledgement_ladder.map((x) => ({ ...x })),
    finishing_ladder: s.finishing_ladder.map((x) => ({ ...x })),
    rectification_working_days: s.rectification_working_days,
    target_working_days: s.target_working_days,
    investment_threshold_wan: fenToWan(s.investment_threshold_fen),
    case_number_prefix: s.case_number_prefix ?? '',
    note: '',
  };
}

export function toBody(v: SettingsFormValues): CountySettingsBody {
  const prefix = v.case_number_prefix.trim().toUpperCase();
  return {
    office_hours: {
      standard: v.standard.map(({ start, end }) => ({ start, end })),
      seasonal: v.seasonal_enabled
        ? {
            from: v.seasonal_from,
            until: v.seasonal_until,
            hours: v.seasonal_hours.map(({ start, end }) => ({ start, end })),
          }
        : null,
    },
    acknowledge_within_minutes: v.acknowledge_within_minutes,
    acknowledgement_ladder: v.acknowledgement_ladder.map(cleanStep),
    finishing_ladder: v.finishing_ladder.map(cleanStep),
    rectification_working_days: v.rectification_working_days,
    target_working_days: v.target_working_days,
    investment_threshold_fen: wanToFen(v.investment_threshold_wan),
    case_number_prefix: prefix === '' ? null : prefix,
  };
}

function cleanStep(s: LadderStep): LadderStep {
  return { code: s.code.trim(), kind: s.kind, notify: s.notify, offset: s.offset, unit: s.unit };
}

/**
 * Where a field error of the API belongs in the form: the API names settings by their path
 * (`office_hours.seasonal.hours`, `finishing_ladder.steps[2].offset`); the form's names differ
 * for the office hours and the threshold only.
 */
export function formPath(apiField: string): (string | number)[] {
  const renames: Record<string, string> = {
    'office_hours.standard': 'standard',
    'office_hours.seasonal': 'seasonal_from',
    'office_hours.seasonal.from': 'seasonal_from',
    'office_hours.seasonal.until': 'seasonal_until',
    'office_hours.seasonal.hours': 'seasonal_hours',
    investment_threshold_fen: 'investment_threshold_wan',
  };
  const ladder = /^(acknowledgement_ladder|finishing_ladder)\.steps(?:\[(\d+)\]\.(\w+))?$/.exec(apiField);
  if (ladder) {
    const [, name, index, field] = ladder;
    return index === undefined ? [name!] : [name!, Number(index), field!];
  }
  const hours = /^office_hours\.(standard|seasonal\.hours)\[(\d+)\]\.(start|end)$/.exec(apiField);
  if (hours) {
    const [, which, index, field] = hours;
    return [which === 'standard' ? 'standard' : 'seasonal_hours', Number(index), field!];
  }
  return [renames[apiField] ?? apiField];
}
