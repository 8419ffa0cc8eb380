/**
 * The materials checklist's rules as the screens need them: the states in order, which files
 * the file picker offers for the types a material accepts, whether a camera photo can be one,
 * sizes in words, and how far a checklist is.
 */
import { codeList } from '@/lib/api/codes';
import type { FileType, MaterialState } from '@/lib/api/types';
import type { Checklist, ChecklistMaterial } from './api/materials';

/** A material's states, from nothing given to accepted. */
export const MATERIAL_STATES = codeList<MaterialState>({
  missing: true,
  submitted: true,
  correction_requested: true,
  accepted: true,
});

/** The media type and file-name extensions of each type (the picker's `accept`). */
const PICKER: Record<FileType, { media: string; extensions: string[] }> = {
  pdf: { media: 'application/pdf', extensions: ['.pdf'] },
  jpeg: { media: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { media: 'image/png', extensions: ['.png'] },
  ofd: { media: 'application/ofd', extensions: ['.ofd'] },
  docx: { media: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
  xlsx: { media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'] },
};

/**
 * The `accept` attribute for `types`: media types and extensions, so the picker offers the
 * right files (the server still tells the type by the content).
 */
export function acceptAttribute(types: readonly FileType[]): string {
  return types.flatMap((type) => [PICKER[type].media, ...PICKER[type].extensions]).join(',');
}

/** The types the approval document (批文) may be, as the contract describes them. */
export const RESULT_DOCUMENT_TYPES: readonly FileType[] = ['pdf', 'ofd', 'jpeg', 'png', 'docx'];

/** Whether a camera photo (JPEG) is one of `types`. */
export function takesPhotos(types: readonly FileType[]): boolean {
  return types.includes('jpeg');
}

/** A size in bytes in short words: `820 B`, `14.2 KB`, `3.5 MB`. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A percentage (0–100, whole) of an upload's progress. */
export function percent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}

/** How far a checklist is: materials accepted of all listed, and those that need the enterprise now. */
export function checklistSummary(checklist: Checklist): { accepted: number; total: number; todo: number } {
  const all = checklist.items.flatMap((item) => item.materials);
  return {
    accepted: all.filter((m) => m.state === 'accepted').length,
    total: all.length,
    todo: all.filter((m) => needsGiving(m)).length,
  };
}

/** Whether the caller is asked to give this material now: not given yet, or a correction asked for. */
export function needsGiving(m: ChecklistMaterial): boolean {
  return (m.state === 'missing' || m.state === 'correction_requested') && m.allowed_actions.includes('upload');
}
