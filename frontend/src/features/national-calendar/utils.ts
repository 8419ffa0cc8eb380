/** Reading a chosen notice file: a `holiday-cn` JSON year file, or a sheet sent as it is. */
import type { HolidayYearFile } from './api';

export type NoticeFile = { kind: 'json'; file: HolidayYearFile } | { kind: 'sheet'; file: File };

/** Whether a file is a JSON year file (by name or type), else a sheet (.xlsx or CSV). */
export function isJsonFile(file: File): boolean {
  return file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
}

/** The chosen file as the import takes it; throws `SyntaxError` for a JSON file that is not JSON. */
export async function readNoticeFile(file: File): Promise<NoticeFile> {
  if (!isJsonFile(file)) return { kind: 'sheet', file };
  const parsed = JSON.parse(await file.text()) as HolidayYearFile;
  return { kind: 'json', file: parsed };
}

/** The year a file most likely names: the JSON file's `year`, else the first four digits of its name. */
export function guessYear(file: File, json?: HolidayYearFile): number | null {
  if (json && Number.isInteger(json.year)) return json.year;
  const match = /(20\d\d)/.exec(file.name);
  return match ? Number(match[1]) : null;
}
