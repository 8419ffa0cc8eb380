import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkPassword, PASSWORD_MIN_LENGTH } from '../utils/user-form';

/**
 * A new password typed twice, with its strength as typed. The hint follows the server's rules
 * (length, three character classes) but does not stop sending: the server has the last word,
 * and its message shows on the field.
 */
export function PasswordFields({ label }: { label: string }) {
  const { t } = useTranslation('admin');
  const password = Form.useWatch<string | undefined>('password') ?? '';
  const check = checkPassword(password);
  return (
    <>
      <Form.Item
        name="password"
        label={label}
        rules={[{ required: true, message: t('form.required') }]}
        extra={
          <>
            <span>{t('password.rules', { min: PASSWORD_MIN_LENGTH })}</span>
            {check.strength !== 'empty' && (
              <Typography.Text
                className="password-strength"
                type={check.acceptable ? 'success' : 'warning'}
                aria-live="polite"
              >
                {t(`password.strength.${check.strength}`)}
              </Typography.Text>
            )}
          </>
        }
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="password_again"
        label={t('password.again')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </>
  );
}
