import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody } from '@/lib/api/types';
import { departmentKeys } from '@/lib/query-keys';

export type DepartmentIn = JsonBody<'/api/v1/departments', 'post'>;

/** POST /api/v1/departments (admin; 409 when the code is taken). Every department list is read again. */
export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DepartmentIn) => unwrap(api.POST('/api/v1/departments', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
  });
}

export interface DepartmentValues {
  code: string;
  name: string;
  short_name: string;
  phone?: string;
}

export const DEPARTMENT_FIELDS = ['code', 'name', 'short_name', 'phone'] as const;

/** The form's values as the API takes them: trimmed, an empty phone left out. */
export function departmentToRequest(values: DepartmentValues): DepartmentIn {
  const phone = values.phone?.trim();
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    short_name: values.short_name.trim(),
    ...(phone ? { phone } : {}),
  };
}
