/** Query keys of the integration screens (STYLE 25): each starts with its area's `all`. */
import type { SettingChannel } from '../utils/integrations';

export interface DeliveryFilters {
  state?: string;
  channel?: string;
  subscription_id?: string;
}

export const channelKeys = {
  all: ['channels'] as const,
  detail: (channel: SettingChannel) => [...channelKeys.all, channel] as const,
};

export const deliveryKeys = {
  all: ['deliveries'] as const,
  pages: (filters: DeliveryFilters) => [...deliveryKeys.all, 'pages', filters] as const,
};

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
};

export const apiClientKeys = {
  all: ['api-clients'] as const,
  pages: () => [...apiClientKeys.all, 'pages'] as const,
};

export const preferenceKeys = {
  all: ['notification-preferences'] as const,
  mine: () => [...preferenceKeys.all, 'me'] as const,
};
