import { describe, expect, it } from 'vitest';
import { ROLES, homePathFor, landingPath } from './roles';

describe('landing after sign-in', () => {
  it('sends the enterprise to the portal and every official to the console', () => {
    for (const role of ROLES) {
      expect(homePathFor(role)).toBe(role === 'enterprise' ? '/portal' : '/console');
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
  });
});
