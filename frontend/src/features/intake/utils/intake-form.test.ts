import { describe, expect, it } from 'vitest';
import { ApiError, type ProblemCode } from '@/lib/api/problem';
import { makeCase, makeItem } from '@/testing/fixtures';
import {
  applicationErrors,
  completeValues,
  EMPTY_INTAKE,
  enterpriseErrors,
  enterpriseToRequest,
  fenToWanInput,
  intakeFromCase,
  intakeToCaseIn,
  intakeToPatch,
  type IntakeValues,
} from './intake-form';

const values: IntakeValues = {
  ...EMPTY_INTAKE,
  enterpriseMode: 'new',
  enterprise: {
    name: ' 示例新材料有限公司 ',
    creditCode: ' 91350100m000100y43 ',
    contactName: ' 周晓明 ',
    contactPhone: '138 0000 0031',
    address: '  ',
  },
  projectName: ' 年产 5 万吨绿色新材料项目 ',
  industryCode: ' c2662 ',
  investmentWan: '12,000.5',
  location: ' 示例县金碧镇工业片区 ',
  agreementSignedOn: '2026-10-18',
  brief: ' 新建生产线两条。 ',
  contactName: ' 周晓明 ',
  contactPhone: ' 138 0000 0031 ',
  catalogItemIds: ['cat-1', 'cat-2'],
  offCatalog: [
    { name: ' 供电接入 ', departmentId: 'dept-9' },
    { name: ' ', departmentId: '' },
  ],
};

const fallback = { network: '网络错误', server: '服务器错误' };
const problem = (status: number, code: ProblemCode, errors: { field: string; code: string; message: string }[] = []) =>
  new ApiError(status, { type: `urn:butler:problem:${code}`, title: '标题', status, code, detail: '详情', errors });

describe('the application filled in for an enterprise', () => {
  it('registers the enterprise trimmed, upper-cased and without an empty address', () => {
    expect(enterpriseToRequest(values.enterprise)).toEqual({
      name: '示例新材料有限公司',
      credit_code: '91350100M000100Y43',
      contact_name: '周晓明',
      contact_phone: '13800000031',
    });
    expect(enterpriseToRequest({ ...values.enterprise, address: ' 金碧镇 3 号 ' }).address).toBe('金碧镇 3 号');
  });

  it('becomes a CaseIn for the enterprise: 万元 to fen, trimmed text, catalog and off-catalog items', () => {
    expect(intakeToCaseIn(values, 'ent-1')).toEqual({
      enterprise_id: 'ent-1',
      project_name: '年产 5 万吨绿色新材料项目',
      industry_code: 'C2662',
      total_investment_fen: 12_000_500_000,
      location: '示例县金碧镇工业片区',
      agreement_signed_on: '2026-10-18',
      brief: '新建生产线两条。',
      contact_name: '周晓明',
      contact_phone: '13800000031',
      items: [{ catalog_item_id: 'cat-1' }, { catalog_item_id: 'cat-2' }, { name: '供电接入', department_id: 'dept-9' }],
    });
    expect(intakeToCaseIn({ ...values, investmentWan: '5000' }, 'e').total_investment_fen).toBe(5_000_000_000);
    expect(intakeToCaseIn({ ...values, investmentWan: '0.000001' }, 'e').total_investment_fen).toBe(1);
    expect(intakeToCaseIn({ ...values, agreementSignedOn: '' }, 'e')).not.toHaveProperty('agreement_signed_on');
  });

  it('becomes a CasePatch that keeps a masked phone and an agreement date left blank', () => {
    const patch = intakeToPatch({ ...values, contactPhone: '  ', agreementSignedOn: '' });
    expect(patch).not.toHaveProperty('contact_phone');
    expect(patch).not.toHaveProperty('agreement_signed_on');
    expect(patch).not.toHaveProperty('enterprise_id');
    expect(patch.total_investment_fen).toBe(12_000_500_000);
    expect(patch.items).toHaveLength(3);
    expect(intakeToPatch(values).contact_phone).toBe('13800000031');
  });

  it('starts editing a draft from the case, items in their order', () => {
    const c = makeCase({
      total_investment_fen: 12_000_500_000,
      agreement_signed_on: null,
      items: [
        makeItem({ id: 'i2', position: 2, catalog_item_id: null, name: '供电接入', department_id: 'dept-9' }),
        makeItem({ id: 'i1', position: 1, catalog_item_id: 'cat-1' }),
      ],
    });
    const form = intakeFromCase(c);
    expect(form).toMatchObject({
      enterpriseId: c.enterprise.id,
      projectName: c.project_name,
      investmentWan: '12000.5',
      agreementSignedOn: '',
      contactPhone: '',
      catalogItemIds: ['cat-1'],
      offCatalog: [{ name: '供电接入', departmentId: 'dept-9' }],
    });
    // Round trip: the form's 万元 gives the case's fen back.
    expect(intakeToPatch(form).total_investment_fen).toBe(12_000_500_000);
  });

  it('writes fen as 万元 an input can show', () => {
    expect(fenToWanInput(5_000_000_000)).toBe('5000');
    expect(fenToWanInput(12_000_500_000)).toBe('12000.5');
    expect(fenToWanInput(1)).toBe('0.000001');
  });

  it('fills what Ant Design leaves undefined', () => {
    const full = completeValues({ projectName: 'x', offCatalog: [{ name: 'y' } as never], enterprise: { name: 'n' } as never });
    expect(full.enterprise).toEqual({ ...EMPTY_INTAKE.enterprise, name: 'n' });
    expect(full.offCatalog).toEqual([{ name: 'y', departmentId: '' }]);
    expect(full.catalogItemIds).toEqual([]);
    expect(full.industryCode).toBe('');
  });
});

describe('server errors on the form', () => {
  it("puts a taken credit code (409) on the credit code field, in the server's words", () => {
    const taken = problem(409, 'conflict', [{ field: 'credit_code', code: 'taken', message: '该统一社会信用代码的企业已登记' }]);
    expect(enterpriseErrors(taken, fallback, '本地：已登记')).toEqual({
      fields: { 'enterprise.creditCode': ['该统一社会信用代码的企业已登记'] },
      form: [],
    });
  });

  it('says a credit code is taken itself when the 409 names no field (an older server)', () => {
    expect(enterpriseErrors(problem(409, 'conflict'), fallback, '已登记')).toEqual({
      fields: { 'enterprise.creditCode': ['已登记'] },
      form: [],
    });
  });

  it('puts enterprise field errors on the enterprise, not on the project contact', () => {
    const view = enterpriseErrors(
      problem(422, 'validation_failed', [
        { field: 'credit_code', code: 'credit_code_check_digit', message: '校验位错误' },
        { field: 'contact_phone', code: 'phone_format', message: '不是有效的手机号' },
      ]),
      fallback,
      '已登记',
    );
    expect(view.fields).toEqual({ 'enterprise.creditCode': ['校验位错误'], 'enterprise.contactPhone': ['不是有效的手机号'] });
    expect(view.form).toEqual([]);
  });

  it('puts application errors on their fields and item errors on the items', () => {
    const view = applicationErrors(
      problem(422, 'validation_failed', [
        { field: 'industry_code', code: 'industry_code', message: '行业代码不对' },
        { field: 'items[1].department_id', code: 'unknown_department', message: '没有这个部门' },
        { field: 'enterprise_id', code: 'unknown_enterprise', message: '没有这个企业' },
      ]),
      fallback,
    );
    expect(view.fields).toEqual({
      industryCode: ['行业代码不对'],
      catalogItemIds: ['没有这个部门'],
      enterpriseId: ['没有这个企业'],
    });
    expect(view.form).toEqual([]);
  });

  it('puts a refused submission below the threshold on the investment', () => {
    const view = applicationErrors(
      problem(409, 'preconditions_not_met', [{ field: 'total_investment_fen', code: 'below_threshold', message: '低于门槛' }]),
      fallback,
    );
    expect(view.fields).toEqual({ investmentWan: ['低于门槛'] });
  });

  it('says so when the server cannot be reached', () => {
    expect(applicationErrors(new TypeError('fetch failed'), fallback)).toEqual({ fields: {}, form: ['网络错误'] });
  });
});
