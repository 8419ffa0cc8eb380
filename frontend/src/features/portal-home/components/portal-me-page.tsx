import { Button, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ElderModeSwitch } from '@/components/elder-mode-switch';
import { LanguageButtons } from '@/components/language-buttons';
import { useLogout } from '@/lib/auth/logout';
import { useMe } from '@/lib/auth/me';
import { PortalMaterialLibrary } from './portal-material-library';
import './portal-home.css';

/** Account and display settings (language, 长者模式, sign-out) and the enterprise's materials. */
export function PortalMePage() {
  const { t } = useTranslation(['portal', 'common', 'password']);
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me) return null;

  const onLogout = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };

  return (
    <>
      <title>{`${t('portal:me.title')} - ${t('common:appName')}`}</title>
      <h1 className="portal-page-title">{t('portal:me.title')}</h1>
      <section className="portal-section" aria-labelledby="portal-account">
        <List header={<h2 id="portal-account">{t('portal:me.account')}</h2>}>
          <List.Item extra={me.username}>{t('portal:me.username')}</List.Item>
          <List.Item extra={t(`common:roles.${me.role}`)}>{t('portal:me.role')}</List.Item>
          <List.Item extra={me.tenant.name}>{t('portal:me.tenant')}</List.Item>
          <List.Item>
            <Link to="/portal/password" className="portal-me__password">
              {t('password:menu')}
            </Link>
          </List.Item>
        </List>
      </section>
      {me.enterprise && <PortalMaterialLibrary enterpriseId={me.enterprise.id} />}
      <section className="portal-section" aria-labelledby="portal-display">
        <List header={<h2 id="portal-display">{t('portal:me.settings')}</h2>}>
          <List.Item>
            <ElderModeSwitch showDescription />
          </List.Item>
          <List.Item>
            <LanguageButtons />
          </List.Item>
        </List>
      </section>
      <Button block color="danger" fill="outline" size="large" onClick={() => void onLogout()}>
        {t('common:actions.logout')}
      </Button>
    </>
  );
}
