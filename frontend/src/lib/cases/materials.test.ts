import { describe, expect, it } from 'vitest';
import { makeChecklist, makeChecklistMaterial } from '@/testing/fixtures';
import { acceptAttribute, checklistSummary, formatFileSize, needsGiving, percent, takesPhotos } from './materials';

describe('materials', () => {
  it('offers the picker the media types and extensions of the types accepted', () => {
    expect(acceptAttribute(['pdf', 'png'])).toBe('application/pdf,.pdf,image/png,.png');
    expect(takesPhotos(['pdf', 'jpeg'])).toBe(true);
    expect(takesPhotos(['pdf'])).toBe(false);
  });

  it('says sizes and progress in short words', () => {
    expect(formatFileSize(820)).toBe('820 B');
    expect(formatFileSize(14_540)).toBe('14.2 KB');
    expect(formatFileSize(3.5 * 1024 * 1024)).toBe('3.5 MB');
    expect(formatFileSize(200 * 1024 * 1024)).toBe('200 MB');
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 0)).toBe(0);
    expect(percent(9, 4)).toBe(100);
  });

  it('counts what is accepted and what the caller is asked to give', () => {
    const checklist = makeChecklist([
      makeChecklistMaterial({ position: 1, state: 'accepted' }),
      makeChecklistMaterial({ position: 2, state: 'missing', allowed_actions: ['upload'] }),
      makeChecklistMaterial({ position: 3, state: 'correction_requested', allowed_actions: ['upload'] }),
      makeChecklistMaterial({ position: 4, state: 'submitted', allowed_actions: ['upload'] }),
      makeChecklistMaterial({ position: 5, state: 'missing', allowed_actions: [] }),
    ]);
    expect(checklistSummary(checklist)).toEqual({ accepted: 1, total: 5, todo: 2 });
    expect(needsGiving(makeChecklistMaterial({ state: 'missing', allowed_actions: [] }))).toBe(false);
  });
});
