import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { queuesFor } from '../utils/queues-for-role';

/** The console's home: for now, which work queues the user's role will get. */
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
      <Typography.Paragraph>{t('console:home.queuesIntro')}</Typography.Paragraph>
      <Row gutter={[16, 16]} role="list">
        {queues.map((queue) => (
          <Col key={queue} xs={24} md={12} xl={8} role="listitem">
            <Card
              title={
                <Typography.Title level={3} className="queue-title">
                  {t(`console:home.queues.${queue}.title`)}
                </Typography.Title>
              }
              extra={
                <Tag icon={<ClockCircleOutlined aria-hidden />} color="default">
                  {t('console:home.comingSoon')}
                </Tag>
              }
            >
              {t(`console:home.queues.${queue}.description`)}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
