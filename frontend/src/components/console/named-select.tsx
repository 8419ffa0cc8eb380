import { Select, type SelectProps } from 'antd';
import { useCallback } from 'react';

export interface NamedSelectProps<V> extends SelectProps<V> {
  /** The name of the option list (its field's label): Ant Design leaves the list nameless. */
  listLabel: string;
}

/**
 * An Ant Design Select inside a `Form.Item` (which labels its input) whose pop-up list is
 * named too: otherwise screen readers announce an unnamed list (axe: aria-input-field-name).
 * Outside forms, `LabelledSelect` draws its own label.
 */
export function NamedSelect<V>({ listLabel, onOpenChange, ...props }: NamedSelectProps<V>) {
  const { id } = props;
  const nameTheList = useCallback(
    (open: boolean) => {
      // The list is rendered on first opening.
      if (open && id) setTimeout(() => document.getElementById(`${id}_list`)?.setAttribute('aria-label', listLabel));
      onOpenChange?.(open);
    },
    [id, listLabel, onOpenChange],
  );
  return <Select<V> {...props} onOpenChange={nameTheList} />;
}
