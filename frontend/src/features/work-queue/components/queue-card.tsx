import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueueDefinition } from '../utils/queues-for-role';
import { CaseQueueTable } from './case-queue-table';
import { RectificationQueueTable } from './rectification-queue-table';
import { TaskQueueTable } from './task-queue-table';

/** One work queue: its title, what it is for, and its first rows. */
export function QueueCard({ queue }: { queue: QueueDefinition }) {
  const { t } = useTranslation('console');
  const headingId = `queue-${queue.key}`;
  const title = t(`home.queues.${queue.key}.title` as never) as string;
  const description = t(`home.queues.${queue.key}.description` as never) as string;
  let body: ReactNode;
  switch (queue.source.kind) {
    case 'cases':
      body = <CaseQueueTable source={queue.source} label={title} />;
      break;
    case 'tasks':
      body = <TaskQueueTable source={queue.source} label={title} />;
      break;
    case 'rectifications':
      body = <RectificationQueueTable label={title} />;
      break;
    case 'link':
      body = <Link to={queue.source.to}>{t('home.open', { name: title })}</Link>;
      break;
  }
  return (
    <Card
      className="queue-card"
      data-queue={queue.key}
      title={
        <Typography.Title level={3} className="queue-title" id={headingId}>
          {title}
        </Typography.Title>
      }
    >
      <section aria-labelledby={headingId}>
        <Typography.Paragraph type="secondary" className="queue-description">
          {description}
        </Typography.Paragraph>
        {body}
      </section>
    </Card>
  );
}
