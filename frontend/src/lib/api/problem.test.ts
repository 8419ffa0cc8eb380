import { describe, expect, it } from 'vitest';
import { ApiError, mapErrorToForm, normaliseFieldPath, parseProblem, type Problem } from './problem';

const fallback = { network: 'NETWORK', server: 'SERVER' };
const FIELDS = ['tenant', 'username', 'password', 'contact.phone', 'items.0.name'] as const;

function problem(overrides: Partial<Problem>): Problem {
  return {
    type: 'urn:butler:problem:validation_failed',
    title: '填写内容有误',
    status: 422,
    detail: '请按提示修改标出的字段。',
    code: 'validation_failed',
    ...overrides,
  };
}

describe('normaliseFieldPath', () => {
  it.each([
    ['password', 'password'],
    ['body.contact.phone', 'contact.phone'],
    ['/contact/phone', 'contact.phone'],
    ['items[0].name', 'items.0.name'],
    ['/items/0/name', 'items.0.name'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseFieldPath(input)).toBe(expected);
  });
});

describe('parseProblem', () => {
  it('accepts problem documents and drops malformed field entries', () => {
    const parsed = parseProblem({
      ...problem({}),
      errors: [{ field: 'username', code: 'length', message: '太短' }, { nonsense: true }],
    });
    expect(parsed?.errors).toEqual([{ field: 'username', code: 'length', message: '太短' }]);
  });

  it('rejects what is not a problem', () => {
    expect(parseProblem('Bad Gateway')).toBeNull();
    expect(parseProblem(undefined)).toBeNull();
    expect(parseProblem({ message: 'x' })).toBeNull();
  });
});

describe('mapErrorToForm', () => {
  it('puts each field message next to its field and no duplicate summary', () => {
    const error = new ApiError(
      422,
      problem({
        errors: [
          { field: 'username', code: 'length', message: '用户名长度应为 2–32 个字符' },
          { field: 'contact.phone', code: 'phone', message: '手机号码格式不正确' },
          { field: 'items[0].name', code: 'required', message: '请填写事项名称' },
          { field: 'username', code: 'charset', message: '只能包含字母和数字' },
        ],
      }),
    );
    const result = mapErrorToForm(error, FIELDS, fallback);
    expect(result.fields).toEqual({
      username: ['用户名长度应为 2–32 个字符', '只能包含字母和数字'],
      'contact.phone': ['手机号码格式不正确'],
      'items.0.name': ['请填写事项名称'],
    });
    expect(result.form).toEqual([]);
  });

  it('shows the summary and unplaced messages above the form', () => {
    const error = new ApiError(
      422,
      problem({ errors: [{ field: 'captcha', code: 'required', message: '请完成验证' }] }),
    );
    const result = mapErrorToForm(error, FIELDS, fallback);
    expect(result.fields).toEqual({});
    expect(result.form).toEqual(['请按提示修改标出的字段。', '请完成验证']);
  });

  it('uses aliases for server paths that differ from the form', () => {
    const error = new ApiError(
      422,
      problem({ errors: [{ field: 'tenant_code', code: 'unknown', message: '没有这个区县' }] }),
    );
    const result = mapErrorToForm(error, FIELDS, fallback, { tenant_code: 'tenant' });
    expect(result.fields).toEqual({ tenant: ['没有这个区县'] });
  });

  it('shows the detail of a problem without field errors (wrong password)', () => {
    const error = new ApiError(
      401,
      problem({
        status: 401,
        code: 'invalid_credentials',
        title: '登录失败',
        detail: '区县、用户名或密码不正确。',
      }),
    );
    expect(mapErrorToForm(error, FIELDS, fallback)).toEqual({
      fields: {},
      form: ['区县、用户名或密码不正确。'],
    });
    expect(error.code).toBe('invalid_credentials');
  });

  it('never shows server internals: 5xx and non-problem bodies get the generic message', () => {
    expect(mapErrorToForm(new ApiError(500, problem({ status: 500, detail: 'db down' })), FIELDS, fallback).form).toEqual(['SERVER']);
    expect(mapErrorToForm(new ApiError(502, null), FIELDS, fallback).form).toEqual(['SERVER']);
  });

  it('reports a failed connection as a network problem', () => {
    expect(mapErrorToForm(new TypeError('Failed to fetch'), FIELDS, fallback).form).toEqual(['NETWORK']);
  });
});
