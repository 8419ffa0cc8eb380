import { Card, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import { useEnterprise } from '../api/get-enterprise';
import { useTenant } from '../api/get-tenant';

/** The enterprise contact's home: their enterprise, their projects (soon), the service. */
export function PortalHomePage() {
  const { t } = useTranslation(['portal', 'common']);
  const { data: me } = useMe();
  const enterprise = useEnterprise(me?.enterprise?.id);
  const tenant = useTenant();
  const wanYuan = useWanYuan();
  if (!me) return null;
  const name = enterprise.data?.name ?? me.enterprise?.name;
  const creditCode = enterprise.data?.credit_code ?? me.enterprise?.credit_code;

  return (
    <>
      <title>{`${t('portal:tabs.home')} - ${t('common:appName')}`}</title>
      <h1 className="portal-page-title">{t('portal:home.greeting', { name: me.display_name })}</h1>

      {name && (
        <section className="portal-section" aria-labelledby="portal-enterprise">
          <List header={<h2 id="portal-enterprise">{t('portal:home.enterpriseHeading')}</h2>}>
            <List.Item>{name}</List.Item>
            {creditCode && (
              <List.Item description={t('portal:home.creditCode')}>
                <span className="credit-code">{creditCode}</span>
              </List.Item>
            )}
          </List>
        </section>
      )}

      <section className="portal-section" aria-labelledby="portal-projects">
        <Card title={<h2 id="portal-projects">{t('portal:home.projectsHeading')}</h2>}>
          <p>{t('portal:home.projectsEmpty')}</p>
        </Card>
      </section>

      <section className="portal-section" aria-labelledby="portal-service">
        <Card title={<h2 id="portal-service">{t('portal:home.serviceHeading')}</h2>}>
          <p>{t('portal:home.serviceFree')}</p>
          {tenant.data && (
            <p>
              {t('portal:home.serviceScope', {
                threshold: wanYuan(tenant.data.investment_threshold_fen, { trimZeros: true }),
              })}
            </p>
          )}
        </Card>
      </section>
    </>
  );
}
