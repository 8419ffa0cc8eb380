import type { FormInstance } from 'antd';
import { mapErrorToForm, type FallbackMessages } from '@/lib/api/problem';

/**
 * Puts a failed call's field messages next to the form's fields (names as dotted paths, e.g.
 * `gaps.0.material`; `aliases` maps the server's names onto the form's) and returns what no
 * field shows.
 */
export function showErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  fallback: FallbackMessages,
  aliases: Readonly<Record<string, string>> = {},
): string[] {
  const view = mapErrorToForm(error, fields, fallback, aliases);
  form.setFields(
    Object.entries(view.fields).map(([name, errors]) => ({
      name: name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: errors ?? [],
    })),
  );
  return view.form;
}
