import { describe, expect, it } from 'vitest';
import { ROLES, homePathFor, landingPath } from './roles';

describe('landing after sign-in', () => {
  it('sends the enterprise to the portal, the platform administrator to the platform and every official to the console', () => {
    for (const role of ROLES) {
      const home = role === 'enterprise' ? '/portal' : role === 'platform_admin' ? '/platform' : '/console';
      expect(homePathFor(role)).toBe(home);
    }
  });

  it('honours `next` only inside the user’s own shell and origin', () => {
    expect(landingPath('office', '/console/items?stage=land_supply')).toBe('/console/items?stage=land_supply');
    expect(landingPath('office', '/portal')).toBe('/console');
    expect(landingPath('enterprise', '/console/departments')).toBe('/portal');
    expect(landingPath('enterprise', '/portal/me')).toBe('/portal/me');
    expect(landingPath('enterprise', '/portal')).toBe('/portal');
    expect(landingPath('office', '//evil.example/console')).toBe('/console');
    expect(landingPath('office', 'https://evil.example')).toBe('/console');
    expect(landingPath('office', '/consoleevil')).toBe('/console');
    expect(landingPath('office', null)).toBe('/console');
    expect(landingPath('platform_admin', '/console/cases')).toBe('/platform');
    expect(landingPath('platform_admin', '/platform/counties/example')).toBe('/platform/counties/example');
    expect(landingPath('office', '/platform')).toBe('/console');
  });
});
