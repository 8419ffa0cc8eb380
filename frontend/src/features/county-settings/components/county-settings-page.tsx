import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminOnly } from '@/components/console/admin-only';
import { CountySettingsForm } from '../mount/county-settings-form';

/** 县级配置: the county administrator's settings page. */
export function CountySettingsPage() {
  const { t } = useTranslation(['settings', 'common']);
  return (
    <>
      <title>{`${t('settings:title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('settings:title')}
      </Typography.Title>
      <AdminOnly>
        <CountySettingsForm />
      </AdminOnly>
    </>
  );
}
