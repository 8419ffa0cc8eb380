import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Wraps Ant Design tables whose rows may be wider than the page: each table's horizontal scroll
 * area becomes a named region that takes keyboard focus, so that someone without a mouse can
 * scroll it with the arrow keys (WCAG 2.1.1; axe's `scrollable-region-focusable`). Tables with
 * no link or button of their own need it most: nothing inside them could take the focus instead.
 * Only areas that overflow now are made focusable, so a table that fits adds no tab stop.
 */
export function KeyboardScrollable({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const update = () => {
      for (const area of root.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
        if (area.scrollWidth > area.clientWidth) {
          area.tabIndex = 0;
          area.setAttribute('role', 'region');
          area.setAttribute('aria-label', label);
        } else {
          area.removeAttribute('tabindex');
          area.removeAttribute('role');
          area.removeAttribute('aria-label');
        }
      }
    };
    update();
    // Rows arrive, columns change and the window is resized after the first render.
    const resized = new ResizeObserver(update);
    resized.observe(root);
    const changed = new MutationObserver(update);
    changed.observe(root, { childList: true, subtree: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, [label]);
  return <div ref={ref}>{children}</div>;
}
