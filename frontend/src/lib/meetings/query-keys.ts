/** Joint meetings' query keys (STYLE 25): the meetings page, the case page and the work queue share them. */
import type { QueryOf } from '@/lib/api/types';

export type MeetingFilters = Omit<QueryOf<'/api/v1/meetings', 'get'>, 'limit' | 'cursor'>;
export type MeetingActionFilters = Omit<QueryOf<'/api/v1/meeting-actions', 'get'>, 'limit' | 'cursor'>;

export const meetingKeys = {
  all: ['meetings'] as const,
  lists: () => [...meetingKeys.all, 'list'] as const,
  list: (filters: MeetingFilters) => [...meetingKeys.lists(), filters] as const,
  detail: (id: string) => [...meetingKeys.all, 'detail', id] as const,
  actions: () => [...meetingKeys.all, 'actions'] as const,
  actionList: (filters: MeetingActionFilters) => [...meetingKeys.actions(), filters] as const,
};
