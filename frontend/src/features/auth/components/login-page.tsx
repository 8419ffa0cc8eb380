import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ElderModeSwitch } from '@/components/elder-mode-switch';
import { LanguageButtons } from '@/components/language-buttons';
import { mapErrorToForm, type FormErrors } from '@/lib/api/problem';
import { landingPath } from '@/lib/auth/roles';
import { takeSessionLost } from '@/lib/auth/session-lost';
import { sessionStore } from '@/lib/auth/session-store';
import { useLogin, type LoginInput } from '../api/login';
import './login-page.css';

const FIELDS = ['tenant', 'username', 'password'] as const;
type Field = (typeof FIELDS)[number];

const TENANT_STORAGE_KEY = 'butler.tenant';

function rememberedTenant(): string {
  try {
    return localStorage.getItem(TENANT_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The one sign-in page for everyone, without a component library so that it is light on a
 * phone: enterprise contacts land on the portal, officials on the console, platform
 * administrators (tenant `platform`) on the platform's console.
 */
export function LoginPage() {
  // Already signed in on arrival (back button, bookmark): go home instead of showing the form.
  // Only on arrival: signing in here sets the session too, and then the form navigates itself.
  const [signedInOnArrival] = useState(() => sessionStore.get() !== null);
  if (signedInOnArrival) return <Navigate to="/" replace />;
  return <LoginForm />;
}

function LoginForm() {
  const { t } = useTranslation(['auth', 'common']);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const [values, setValues] = useState<LoginInput>(() => ({
    tenant: params.get('tenant') ?? rememberedTenant(),
    username: '',
    password: '',
  }));
  const [errors, setErrors] = useState<FormErrors<Field>>({ fields: {}, form: [] });
  // Sent here because the server ended the session: say so, once.
  const [sessionLost] = useState(takeSessionLost);
  const [showPassword, setShowPassword] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const id = useId();

  // Errors just shown: focus the first field in error, or else the alert above the form.
  useEffect(() => {
    const firstField = FIELDS.find((f) => errors.fields[f]?.length);
    if (firstField) inputs.current[firstField]?.focus();
    else if (errors.form.length > 0) alertRef.current?.focus();
  }, [errors]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input: LoginInput = { ...values, tenant: values.tenant.trim(), username: values.username.trim() };
    const missing: FormErrors<Field> = { fields: {}, form: [] };
    for (const field of FIELDS) {
      if (!input[field]) missing.fields[field] = [t(`auth:required.${field}`)];
    }
    if (Object.keys(missing.fields).length > 0) {
      setErrors(missing);
      return;
    }
    setErrors({ fields: {}, form: [] });
    login.mutate(input, {
      onSuccess: (me) => {
        try {
          localStorage.setItem(TENANT_STORAGE_KEY, input.tenant);
        } catch {
          // not remembered: fine
        }
        void navigate(landingPath(me.role, params.get('next')), { replace: true });
      },
      onError: (error) => {
        setErrors(
          mapErrorToForm(error, FIELDS, {
            network: t('common:errors.network'),
            server: t('common:errors.server'),
          }),
        );
        setValues((v) => ({ ...v, password: '' }));
      },
    });
  };

  const field = (name: Field, type: string, autoComplete: string, hint?: string) => {
    const messages = errors.fields[name];
    const errorId = `${id}-${name}-error`;
    const hintId = `${id}-${name}-hint`;
    const describedBy = [hint ? hintId : null, messages ? errorId : null].filter(Boolean).join(' ');
    return (
      <div className="login-field">
        <label htmlFor={`${id}-${name}`}>{t(`auth:fields.${name}`)}</label>
        {hint && (
          <p id={hintId} className="login-field__hint">
            {hint}
          </p>
        )}
        <input
          ref={(el) => {
            inputs.current[name] = el;
          }}
          id={`${id}-${name}`}
          name={name}
          type={type}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          value={values[name]}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          aria-invalid={messages ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {messages && (
          <p id={errorId} className="login-field__error">
            {messages.join(' ')}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="login-page">
      <title>{`${t('auth:pageTitle')} - ${t('common:appName')}`}</title>
      <header className="login-page__bar">
        <LanguageButtons />
        <ElderModeSwitch />
      </header>
      <main className="login-page__main">
        <div className="login-card">
          <p className="login-card__brand">{t('common:appName')}</p>
          <p className="login-card__tagline">{t('common:appTagline')}</p>
          <h1>{t('auth:heading')}</h1>
          <p className="login-card__intro">{t('auth:intro')}</p>

          {sessionLost && errors.form.length === 0 && (
            <p className="login-notice" role="status">
              {t('auth:sessionLost')}
            </p>
          )}

          {errors.form.length > 0 && (
            <div className="login-alert" role="alert" tabIndex={-1} ref={alertRef}>
              <p className="login-alert__title">{t('auth:errorHeading')}</p>
              {errors.form.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          )}

          <form noValidate onSubmit={onSubmit} aria-busy={login.isPending}>
            {field('tenant', 'text', 'organization', t('auth:fields.tenantHint'))}
            {field('username', 'text', 'username')}
            {field('password', showPassword ? 'text' : 'password', 'current-password')}
            <label className="login-check">
              <input
                type="checkbox"
                checked={showPassword}
                onChange={(e) => setShowPassword(e.target.checked)}
              />
              {t('auth:showPassword')}
            </label>
            <button type="submit" className="login-submit" disabled={login.isPending}>
              {login.isPending ? t('auth:submitting') : t('auth:submit')}
            </button>
          </form>
        </div>
        <p className="login-page__footer">{t('auth:footer')}</p>
        {/* The public side needs no account: the county's code (typed or remembered) opens it.
            The platform (tenant `platform`, its administrators' sign-in) has no public side. */}
        {/^[a-z][a-z0-9_-]+$/.test(values.tenant.trim()) && values.tenant.trim() !== 'platform' && (
          <p className="login-page__footer">
            <Link to={`/public/${values.tenant.trim()}`} className="login-page__public">
              {t('auth:publicLink')}
            </Link>
          </p>
        )}
      </main>
    </div>
  );
}
