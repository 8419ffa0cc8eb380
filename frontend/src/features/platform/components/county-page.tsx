import { Alert, Button, Descriptions, Space, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailBoundary } from '@/components/console/detail-boundary';
import { formatDateTime } from '@/lib/format/date';
import { useCounty, type County } from '../api/counties';
import { CountyRenameModal, CountyStandingModal } from './county-forms';
import { CountyStatusTag } from './county-status-tag';
import './platform.css';

/** A page of another feature shown on the county page, given the county's code. */
export interface CountyTab {
  key: string;
  /** The tab's title, in the reader's language. */
  label: ReactNode;
  render: (code: string) => ReactNode;
}

/**
 * One county: its details, rename, suspend or reinstate with a reason; the tabs after the
 * overview are the pages other features give for one county (`tabs`, mounted by the app).
 */
export function CountyPage({ tabs = [] }: { tabs?: readonly CountyTab[] }) {
  const { t } = useTranslation(['platform', 'common']);
  const { code = '' } = useParams();
  const county = useCounty(code);
  return (
    <>
      <Link to="/platform">{t('platform:county.back')}</Link>
      <DetailBoundary query={county} notFound={t('platform:county.notFound')}>
        {(c) => <CountyScreen county={c} tabs={tabs} />}
      </DetailBoundary>
    </>
  );
}

function CountyScreen({ county, tabs }: { county: County; tabs: readonly CountyTab[] }) {
  const { t } = useTranslation(['platform', 'common']);
  const [dialog, setDialog] = useState<'rename' | 'standing' | null>(null);
  const overview = (
    <>
      {county.status === 'suspended' && <Alert type="error" showIcon title={t('platform:county.suspendedNotice')} />}
      <Space className="platform-county__actions" wrap>
        <Button onClick={() => setDialog('rename')}>{t('platform:county.rename')}</Button>
        <Button danger={county.status === 'active'} onClick={() => setDialog('standing')}>
          {t(county.status === 'active' ? 'platform:county.suspend' : 'platform:county.reinstate')}
        </Button>
      </Space>
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={t('platform:county.fields.code')}>{county.code}</Descriptions.Item>
        <Descriptions.Item label={t('platform:county.fields.name')}>{county.name}</Descriptions.Item>
        <Descriptions.Item label={t('platform:county.fields.status')}>
          <CountyStatusTag status={county.status} />
        </Descriptions.Item>
        {county.status_reason && (
          <Descriptions.Item label={t('platform:county.fields.statusReason')}>{county.status_reason}</Descriptions.Item>
        )}
        {county.status_changed_at && (
          <Descriptions.Item label={t('platform:county.fields.statusChangedAt')}>
            {formatDateTime(county.status_changed_at)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('platform:county.fields.created')}>{formatDateTime(county.created_at)}</Descriptions.Item>
        <Descriptions.Item label={t('platform:county.fields.users')}>{county.users}</Descriptions.Item>
        <Descriptions.Item label={t('platform:county.fields.cases')}>{county.cases}</Descriptions.Item>
      </Descriptions>
    </>
  );
  return (
    <>
      <title>{`${county.name} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {county.name}
      </Typography.Title>
      <Tabs
        aria-label={t('platform:county.tabs.label')}
        items={[
          { key: 'overview', label: t('platform:county.tabs.overview'), children: overview },
          ...tabs.map((tab) => ({ key: tab.key, label: tab.label, children: tab.render(county.code) })),
        ]}
      />
      <CountyRenameModal county={county} open={dialog === 'rename'} onClose={() => setDialog(null)} />
      <CountyStandingModal county={county} open={dialog === 'standing'} onClose={() => setDialog(null)} />
    </>
  );
}
