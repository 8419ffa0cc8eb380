import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';

/**
 * The administrator's screens, for the administrator only: anyone else who opens the address
 * is told so instead of meeting refusals from the server (which decides in any case).
 */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation('admin');
  const me = useMe();
  if (!me.data) return null;
  if (me.data.role !== 'admin') return <Alert type="warning" showIcon title={t('adminOnly')} />;
  return <>{children}</>;
}
