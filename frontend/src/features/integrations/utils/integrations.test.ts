import { describe, expect, it } from 'vitest';
import {
  apiClientFormToBody,
  channelFieldAliases,
  channelFormToBody,
  channelFormValues,
  deliveryButtons,
  preferencesToBody,
  preferenceValues,
  webhookFormToBody,
  webhookFormToPatch,
  type ChannelSettings,
} from './integrations';

const EMAIL: ChannelSettings = {
  channel: 'email',
  enabled: true,
  host: 'smtp.example.cn',
  port: 465,
  security: 'tls',
  username: 'butler',
  from: 'butler@example.cn',
  secrets_set: ['password'],
};

describe('channel settings', () => {
  it('starts with the stored settings and empty secrets', () => {
    expect(channelFormValues('email', EMAIL)).toEqual({
      enabled: true,
      host: 'smtp.example.cn',
      port: 465,
      security: 'tls',
      username: 'butler',
      from: 'butler@example.cn',
      secret_password: '',
    });
  });

  it('sends no secret left empty, so the stored one is kept', () => {
    const body = channelFormToBody('email', channelFormValues('email', EMAIL));
    expect(body).toEqual({ enabled: true, host: 'smtp.example.cn', port: 465, security: 'tls', username: 'butler', from: 'butler@example.cn' });
    expect('secrets' in body).toBe(false);
  });

  it('sends a secret typed in, blank settings as null, the port as a number', () => {
    const body = channelFormToBody('dingtalk', { enabled: false, endpoint: '  ', secret_access_token: 'tok', secret_sign_secret: '' });
    expect(body).toEqual({ enabled: false, endpoint: null, secrets: { access_token: 'tok' } });
    expect(channelFormToBody('email', { enabled: true, port: '587' as unknown as number }).port).toBe(587);
  });

  it('places the server’s secret field errors on the secret fields', () => {
    expect(channelFieldAliases('dingtalk')).toEqual({ 'secrets.access_token': 'secret_access_token', 'secrets.sign_secret': 'secret_sign_secret' });
  });
});

describe('delivery actions', () => {
  it('shows a button for each allowed action it knows, nothing else', () => {
    expect(deliveryButtons({ allowed_actions: ['retry'] })).toEqual(['retry']);
    expect(deliveryButtons({ allowed_actions: ['replay', 'retry'] })).toEqual(['retry', 'replay']);
    expect(deliveryButtons({ allowed_actions: ['deliver', 'fail', 'give_up'] })).toEqual([]);
    expect(deliveryButtons({ allowed_actions: [] })).toEqual([]);
  });
});

describe('webhook subscriptions', () => {
  it('sends the chosen event types of a standard subscription', () => {
    expect(webhookFormToBody({ kind: 'standard_webhooks', url: ' https://oa.example.cn/hook ', description: ' OA ', event_types: ['case.accepted'] })).toEqual({
      kind: 'standard_webhooks',
      url: 'https://oa.example.cn/hook',
      description: 'OA',
      event_types: ['case.accepted'],
    });
  });

  it('sends no event types for the provincial kind, and no kind in a change', () => {
    const values = { kind: 'provincial' as const, url: 'https://prov.example.cn', event_types: ['case.accepted' as const] };
    expect(webhookFormToBody(values)).toEqual({ kind: 'provincial', url: 'https://prov.example.cn', description: '' });
    expect(webhookFormToPatch(values)).toEqual({ url: 'https://prov.example.cn', description: '' });
  });
});

describe('API clients', () => {
  it('sends a department only for a department’s agent', () => {
    const base = { name: ' 自然资源局系统 ', scopes: ['sheets:read' as const], department_id: 'd1', rate_limit_per_minute: 120 };
    expect(apiClientFormToBody({ ...base, role: 'department_agent' })).toEqual({
      name: '自然资源局系统',
      role: 'department_agent',
      scopes: ['sheets:read'],
      department_id: 'd1',
      rate_limit_per_minute: 120,
    });
    expect(apiClientFormToBody({ ...base, role: 'supervisor', rate_limit_per_minute: undefined })).toMatchObject({ department_id: null, rate_limit_per_minute: null });
  });
});

describe('notification preferences', () => {
  it('reads the external channels of each topic and sends every topic back', () => {
    const values = preferenceValues({
      enabled_channels: ['email'],
      preferences: [
        { topic: 'task', channels: ['sms', 'email'], default: true },
        { topic: 'reminder', channels: [], default: false },
      ],
    });
    expect(values.task).toEqual(['sms', 'email']);
    expect(values.escalation).toEqual([]);
    expect(preferencesToBody({ ...values, supervision: ['wecom'] })).toEqual({
      preferences: [
        { topic: 'task', channels: ['sms', 'email'] },
        { topic: 'reminder', channels: [] },
        { topic: 'escalation', channels: [] },
        { topic: 'result', channels: [] },
        { topic: 'supervision', channels: ['wecom'] },
      ],
    });
  });
});
