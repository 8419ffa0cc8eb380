import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { MeetingActionsTable } from './meeting-actions-table';

/** The work queue's list of a department's open meeting actions (department roles only). */
export function MyMeetingActions() {
  const { t } = useTranslation('meetings');
  const { data: me } = useMe();
  if (!me || (me.role !== 'department_agent' && me.role !== 'department_leader')) return null;
  return <MeetingActionsTable heading={t('actionList.mine')} />;
}
