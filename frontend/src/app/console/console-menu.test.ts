import { describe, expect, it } from 'vitest';
import { menuFor, selectedMenuKey } from './console-menu';

describe('console menu', () => {
  it('is role-aware', () => {
    expect(menuFor('office').map((e) => e.key)).toEqual(['home', 'cases', 'tasks', 'supervision', 'items', 'departments']);
    expect(menuFor('department_agent').map((e) => e.key)).toEqual(['home', 'cases', 'tasks', 'items']);
    expect(menuFor('investment_leader').map((e) => e.key)).toEqual(['home', 'cases', 'items', 'departments']);
    expect(menuFor('supervisor').map((e) => e.key)).toContain('supervision');
    expect(menuFor('enterprise')).toEqual([]);
  });

  it('highlights the entry of the current page', () => {
    expect(selectedMenuKey('/console')).toBe('home');
    expect(selectedMenuKey('/console/')).toBe('home');
    expect(selectedMenuKey('/console/items')).toBe('items');
    expect(selectedMenuKey('/console/departments/42')).toBe('departments');
    expect(selectedMenuKey('/console/cases/0193')).toBe('cases');
    expect(selectedMenuKey('/console/tasks/0193')).toBe('tasks');
    expect(selectedMenuKey('/portal')).toBeUndefined();
  });
});
