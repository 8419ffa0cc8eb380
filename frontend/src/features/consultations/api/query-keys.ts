/** The consultations page's query keys (its own area; the shared ones are in lib/query-keys.ts). */
import type { ConsultationKind, ConsultationState } from '@/lib/api/types';

export interface ConsultationFilters {
  state?: ConsultationState;
  kind?: ConsultationKind;
}

export const consultationKeys = {
  all: ['consultations'] as const,
  list: (filters: ConsultationFilters) => [...consultationKeys.all, 'list', filters] as const,
  detail: (id: string) => [...consultationKeys.all, 'detail', id] as const,
  slots: (tenant: string) => [...consultationKeys.all, 'slots', tenant] as const,
};
