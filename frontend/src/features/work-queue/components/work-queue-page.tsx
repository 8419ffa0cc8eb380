import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MyMeetingActions } from '@/components/console/meetings/my-meeting-actions';
import { useMe } from '@/lib/auth/me';
import { queuesFor } from '../utils/queues-for-role';
import { QueueCard } from './queue-card';

/** The console's home: the work queues of the user's role, with deadlines in working time. */
export function WorkQueuePage() {
  const { t } = useTranslation(['console', 'common']);
  const { data: me } = useMe();
  if (!me) return null;
  const queues = queuesFor(me.role);
  return (
    <>
      <title>{`${t('console:home.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('console:home.welcome', { name: me.display_name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('console:home.roleLine', { tenant: me.tenant.name, role: t(`common:roles.${me.role}`) })}
        {me.department && (
          <>
            <br />
            {t('console:home.departmentLine', { department: me.department.name })}
          </>
        )}
      </Typography.Paragraph>
      <Typography.Title level={2} className="section-title">
        {t('console:home.queuesHeading')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {queues.map((queue) => (
          <Col key={queue.key} xs={24} xxl={12}>
            <QueueCard queue={queue} />
          </Col>
        ))}
      </Row>
      <MyMeetingActions />
    </>
  );
}
