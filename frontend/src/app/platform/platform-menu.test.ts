import { describe, expect, it } from 'vitest';

import { PLATFORM_MENU, selectedPlatformKey } from './platform-menu';

describe('the platform menu', () => {
  it('lists the counties, onboarding and the national holidays, and marks the page shown', () => {
    expect(PLATFORM_MENU.map((entry) => entry.key)).toEqual(['counties', 'onboarding', 'nationalCalendar']);
    expect(selectedPlatformKey('/platform')).toBe('counties');
    expect(selectedPlatformKey('/platform/counties/qingwu')).toBe('counties');
    expect(selectedPlatformKey('/platform/onboarding')).toBe('onboarding');
    expect(selectedPlatformKey('/platform/national-calendar')).toBe('nationalCalendar');
    expect(selectedPlatformKey('/platform/elsewhere')).toBeUndefined();
  });
});
