import { Select, type SelectProps } from 'antd';
import { useCallback, useId } from 'react';

export interface LabelledSelectProps<V> extends Omit<SelectProps<V>, 'id'> {
  /** The visible label's text. */
  label: string;
}

/**
 * An Ant Design Select with a visible label that names both the input and its option list.
 * Ant Design labels only the input; the pop-up's `role="listbox"` stays nameless, which
 * screen readers announce as an unnamed list (axe: aria-input-field-name).
 */
export function LabelledSelect<V>({ label, onOpenChange, ...props }: LabelledSelectProps<V>) {
  const id = useId();
  const labelId = `${id}-label`;
  const nameTheList = useCallback(
    (open: boolean) => {
      if (open) {
        // The list is rendered on first opening.
        setTimeout(() => document.getElementById(`${id}_list`)?.setAttribute('aria-labelledby', labelId));
      }
      onOpenChange?.(open);
    },
    [id, labelId, onOpenChange],
  );
  return (
    <>
      <label id={labelId} htmlFor={id}>
        {label}
      </label>
      <Select<V> {...props} id={id} onOpenChange={nameTheList} />
    </>
  );
}
