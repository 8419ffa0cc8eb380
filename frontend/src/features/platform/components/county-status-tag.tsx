import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CountyStatus } from '@/lib/api/types';

/** A county's standing as a tag: green in service, red suspended. */
export function CountyStatusTag({ status }: { status: CountyStatus }) {
  const { t } = useTranslation('platform');
  return <Tag color={status === 'active' ? 'success' : 'error'}>{t(`statuses.${status}`)}</Tag>;
}
