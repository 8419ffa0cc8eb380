import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mapErrorToForm, type FormErrors } from '@/lib/api/problem';
import { useChangePassword } from '../api/change-password';
import './login-page.css';

const FIELDS = ['current_password', 'new_password', 'confirm_password'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

const EMPTY: Values = { current_password: '', new_password: '', confirm_password: '' };

const AUTOCOMPLETE: Record<Field, string> = {
  current_password: 'current-password',
  new_password: 'new-password',
  confirm_password: 'new-password',
};

/**
 * The current password and a new one, typed twice. Without a component library, so that it
 * serves the console, the phone portal and the first sign-in alike. The server checks the
 * current password and the policy; its field messages are shown next to the fields.
 */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation(['password', 'common']);
  const change = useChangePassword();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FormErrors<Field>>({ fields: {}, form: [] });
  const [show, setShow] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const id = useId();

  useEffect(() => {
    const first = FIELDS.find((f) => errors.fields[f]?.length);
    if (first) inputs.current[first]?.focus();
    else if (errors.form.length > 0) alertRef.current?.focus();
  }, [errors]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local: FormErrors<Field> = { fields: {}, form: [] };
    for (const field of FIELDS) {
      if (!values[field]) local.fields[field] = [t(`password:required.${field}`)];
    }
    if (values.confirm_password && values.confirm_password !== values.new_password) {
      local.fields.confirm_password = [t('password:mismatch')];
    }
    if (Object.keys(local.fields).length > 0) {
      setErrors(local);
      return;
    }
    setErrors({ fields: {}, form: [] });
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          setValues(EMPTY);
          onChanged();
        },
        onError: (error) => {
          setErrors(
            mapErrorToForm(error, FIELDS, {
              network: t('common:errors.network'),
              server: t('common:errors.server'),
            }),
          );
          setValues((v) => ({ ...v, current_password: '' }));
        },
      },
    );
  };

  const field = (name: Field, hint?: string) => {
    const messages = errors.fields[name];
    const errorId = `${id}-${name}-error`;
    const hintId = `${id}-${name}-hint`;
    const describedBy = [hint ? hintId : null, messages ? errorId : null].filter(Boolean).join(' ');
    return (
      <div className="login-field">
        <label htmlFor={`${id}-${name}`}>{t(`password:fields.${name}`)}</label>
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
          type={show ? 'text' : 'password'}
          autoComplete={AUTOCOMPLETE[name]}
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
    <>
      {errors.form.length > 0 && (
        <div className="login-alert" role="alert" tabIndex={-1} ref={alertRef}>
          <p className="login-alert__title">{t('password:errorHeading')}</p>
          {errors.form.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <form noValidate onSubmit={onSubmit} aria-busy={change.isPending}>
        {field('current_password')}
        {field('new_password', t('password:policy'))}
        {field('confirm_password')}
        <label className="login-check">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          {t('password:show')}
        </label>
        <button type="submit" className="login-submit" disabled={change.isPending}>
          {change.isPending ? t('password:submitting') : t('password:submit')}
        </button>
      </form>
    </>
  );
}
