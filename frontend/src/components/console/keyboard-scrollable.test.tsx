import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyboardScrollable } from './keyboard-scrollable';

/** jsdom lays nothing out: the scroll area's widths are given. */
function widths(scrollWidth: number, clientWidth: number) {
  vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(scrollWidth);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(clientWidth);
}

const table = (
  <KeyboardScrollable label="部门统计">
    <div className="ant-table-content">
      <table />
    </div>
  </KeyboardScrollable>
);

describe('KeyboardScrollable', () => {
  afterEach(() => vi.restoreAllMocks());

  it('makes a table that overflows a named region in the tab order', () => {
    widths(1230, 900);
    const { container } = render(table);
    const area = container.querySelector<HTMLElement>('.ant-table-content');
    expect(area?.tabIndex).toBe(0);
    expect(area?.getAttribute('role')).toBe('region');
    expect(area?.getAttribute('aria-label')).toBe('部门统计');
  });

  it('adds no tab stop to a table that fits', () => {
    widths(900, 900);
    const { container } = render(table);
    const area = container.querySelector<HTMLElement>('.ant-table-content');
    expect(area?.hasAttribute('tabindex')).toBe(false);
    expect(area?.hasAttribute('role')).toBe(false);
  });
});
