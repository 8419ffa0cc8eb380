import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download';

describe('fileNameOf', () => {
  it('reads the RFC 5987 name first', () => {
    const header = `attachment; filename="2--EXAMPLE-2026-0002.docx"; filename*=UTF-8''%E9%99%84%E4%BB%B62-%E7%94%B3%E8%AF%B7%E5%8F%97%E7%90%86%E8%A1%A8-EXAMPLE-2026-0002.docx`;
    expect(fileNameOf(header, 'x')).toBe('附件2-申请受理表-EXAMPLE-2026-0002.docx');
  });

  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameOf('attachment; filename="download.xlsx"', 'x')).toBe('download.xlsx');
    expect(fileNameOf(null, '台账.xlsx')).toBe('台账.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E9%99%ZZ", 'x.docx')).toBe('x.docx');
  });
});
