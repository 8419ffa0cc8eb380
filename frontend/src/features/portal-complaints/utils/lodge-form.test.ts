import { describe, expect, it } from 'vitest';
import { PUBLIC_SUBJECTS, lodgeRequest, subjectFromSearch } from './lodge-form';

const id = '0193a0c2-0000-7000-8000-000000000010';

describe('the lodge form', () => {
  it('offers a case and the service without a preset', () => {
    expect(PUBLIC_SUBJECTS).toEqual(['case', 'service']);
  });

  it('reads a department or an official from the link, ignoring anything else', () => {
    expect(subjectFromSearch(new URLSearchParams(`department=${id}`))).toEqual({ subject: 'department', id });
    expect(subjectFromSearch(new URLSearchParams(`agent=${id}`))).toEqual({ subject: 'agent', id });
    expect(subjectFromSearch(new URLSearchParams('department=nonsense'))).toBeNull();
  });

  it('sends the preset subject and drops an empty case number', () => {
    const values = { case_number: '  ', name: '李明', mobile: '13800000001', text: '材料被要求重复提交' };
    expect(lodgeRequest('service', { subject: 'department', id }, values)).toMatchObject({
      subject: 'department',
      subject_id: id,
      case_number: null,
    });
    expect(lodgeRequest('case', null, { ...values, case_number: ' DY-1 ' })).toMatchObject({
      subject: 'case',
      subject_id: null,
      case_number: 'DY-1',
    });
  });
});
