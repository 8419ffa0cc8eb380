import { describe, expect, it } from 'vitest';
import { menuFor, selectedMenuKey } from './console-menu';

describe('console menu', () => {
  it('is role-aware', () => {
    expect(menuFor('office').map((e) => e.key)).toEqual(['home', 'items', 'departments']);
    expect(menuFor('department_agent').map((e) => e.key)).toEqual(['home', 'items']);
    expect(menuFor('enterprise')).toEqual([]);
  });

  it('highlights the entry of the current page', () => {
    expect(selectedMenuKey('/console')).toBe('home');
    expect(selectedMenuKey('/console/')).toBe('home');
    expect(selectedMenuKey('/console/items')).toBe('items');
    expect(selectedMenuKey('/console/departments/42')).toBe('departments');
    expect(selectedMenuKey('/portal')).toBeUndefined();
  });
});
