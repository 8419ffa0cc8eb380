import { describe, expect, it } from 'vitest';
import { applicationToRequest, checkApplication, isIndustryCode, type ApplicationValues } from './application-form';

const values: ApplicationValues = {
  projectName: ' 年产 5 万吨绿色新材料项目 ',
  industryCode: 'c2662',
  investmentWan: '12,000.5',
  location: '示例县金碧镇工业片区',
  projectCode: ' 26035323260001012341 ',
  agreementSignedOn: '2026-10-18',
  brief: '新建生产线两条。',
  contactName: '周晓明',
  contactPhone: '13800000031',
  catalogItemIds: ['cat-1', 'cat-2'],
  offCatalog: [
    { name: '供电接入', departmentId: 'dept-9' },
    { name: '  ', departmentId: '' },
  ],
};

describe('application form → CaseIn', () => {
  it('maps 万元 to fen and items to catalog or off-catalog requests', () => {
    expect(applicationToRequest(values)).toEqual({
      project_name: '年产 5 万吨绿色新材料项目',
      industry_code: 'C2662',
      total_investment_fen: 12_000_500_000,
      location: '示例县金碧镇工业片区',
      project_code: '26035323260001012341',
      agreement_signed_on: '2026-10-18',
      brief: '新建生产线两条。',
      contact_name: '周晓明',
      contact_phone: '13800000031',
      items: [{ catalog_item_id: 'cat-1' }, { catalog_item_id: 'cat-2' }, { name: '供电接入', department_id: 'dept-9' }],
    });
    expect(applicationToRequest({ ...values, agreementSignedOn: '' })).not.toHaveProperty('agreement_signed_on');
    // No code yet: the field is left out (the server checks a code given).
    expect(applicationToRequest({ ...values, projectCode: '  ' })).not.toHaveProperty('project_code');
  });

  it('checks what a phone can check before sending', () => {
    expect(checkApplication(values)).toEqual({});
    expect(checkApplication({ ...values, projectName: ' ', investmentWan: '12万' })).toEqual({
      projectName: 'required',
      investmentWan: 'invalid',
    });
    expect(checkApplication({ ...values, catalogItemIds: [], offCatalog: [] })).toEqual({ items: 'required' });
    expect(checkApplication({ ...values, offCatalog: [{ name: '供电接入', departmentId: '' }] })).toEqual({ items: 'invalid' });
  });

  it('knows an industry code of GB/T 4754 as the server does', () => {
    for (const code of ['C2662', 'c2662', ' C26 ', 'A', 'T999']) expect(isIndustryCode(code), code).toBe(true);
    for (const code of ['', 'U01', 'C2', 'C26621', '2662', 'CC26']) expect(isIndustryCode(code), code).toBe(false);
  });
});
