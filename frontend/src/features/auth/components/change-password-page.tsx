import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ElderModeSwitch } from '@/components/elder-mode-switch';
import { LanguageButtons } from '@/components/language-buttons';
import { useLogout } from '@/lib/auth/logout';
import { ChangePasswordForm } from './change-password-form';
import './login-page.css';
import './change-password.css';

/**
 * What a user who holds an initial password sees after signing in, and nothing else: the
 * server answers every other call with `password_change_required` until it is changed. Once
 * changed, the account is read again and the shell shows itself.
 */
export function FirstPasswordScreen() {
  const { t } = useTranslation(['password', 'common']);
  const logout = useLogout();
  const navigate = useNavigate();
  const onLogout = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };
  return (
    <div className="login-page">
      <title>{`${t('password:first.title')} - ${t('common:appName')}`}</title>
      <header className="login-page__bar">
        <LanguageButtons />
        <ElderModeSwitch />
      </header>
      <main className="login-page__main">
        <div className="login-card">
          <p className="login-card__brand">{t('common:appName')}</p>
          <h1>{t('password:first.heading')}</h1>
          <p className="login-card__intro">{t('password:first.intro')}</p>
          <ChangePasswordForm onChanged={() => undefined} />
          <button type="button" className="password-page__logout" onClick={() => void onLogout()}>
            {t('common:actions.logout')}
          </button>
        </div>
      </main>
    </div>
  );
}

/** 修改密码, from the user menu: in the console and in the portal. */
export function ChangePasswordPage() {
  const { t } = useTranslation(['password', 'common']);
  const [changed, setChanged] = useState(false);
  return (
    <div className="password-page">
      <title>{`${t('password:page.title')} - ${t('common:appName')}`}</title>
      <h1 className="password-page__title">{t('password:page.title')}</h1>
      <p className="password-page__intro">{t('password:page.intro')}</p>
      <p className="password-page__done" role="status">
        {changed ? t('password:page.changed') : ''}
      </p>
      <ChangePasswordForm onChanged={() => setChanged(true)} />
    </div>
  );
}
