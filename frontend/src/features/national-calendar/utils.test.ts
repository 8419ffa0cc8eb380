import { describe, expect, it } from 'vitest';
import { guessYear, isJsonFile, readNoticeFile } from './utils';

describe('notice files', () => {
  it('reads a JSON year file and passes a sheet on as it is', async () => {
    const json = new File(['{"year":2027,"papers":[],"days":[]}'], '2027.json', { type: 'application/json' });
    const read = await readNoticeFile(json);
    expect(read.kind).toBe('json');
    expect(read.kind === 'json' && read.file.year).toBe(2027);
    const sheet = new File(['PK'], '节假日2028.xlsx');
    expect(isJsonFile(sheet)).toBe(false);
    expect((await readNoticeFile(sheet)).kind).toBe('sheet');
    expect(guessYear(sheet)).toBe(2028);
    expect(guessYear(new File([''], 'notice.csv'))).toBeNull();
    await expect(readNoticeFile(new File(['not json'], 'x.json'))).rejects.toThrow(SyntaxError);
  });
});
