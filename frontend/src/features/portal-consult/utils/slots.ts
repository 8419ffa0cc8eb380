/** The slot picker's shape: the open slots grouped by their day in the county's time zone. */
import { formatDate, formatDateTime } from '@/lib/format/date';

export interface SlotDay {
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  day: string;
  /** Each slot's instant (as the API gives it) and its local time `HH:mm`. */
  slots: { at: string; time: string }[];
}

export function groupSlotsByDay(slots: readonly string[]): SlotDay[] {
  const days: SlotDay[] = [];
  for (const at of slots) {
    const day = formatDate(at);
    const time = formatDateTime(at).slice(11);
    const last = days[days.length - 1];
    if (last && last.day === day) last.slots.push({ at, time });
    else days.push({ day, slots: [{ at, time }] });
  }
  return days;
}
