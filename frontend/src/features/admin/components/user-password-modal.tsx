import { Alert, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { useUpdateUser } from '../api/users';
import type { User } from '../utils/user-form';
import { PasswordFields } from './password-fields';

interface PasswordValues {
  password: string;
  password_again: string;
}

/** The administrator sets a new password (typed twice); the person's sessions all end. */
export function UserPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<PasswordValues>();
  const update = useUpdateUser();

  return (
    <AdminFormModal<PasswordValues>
      name="user-password"
      open
      title={t('users.password.title', { name: user.display_name })}
      okText={t('users.password.ok')}
      width={520}
      form={form}
      fields={['password']}
      onClose={onClose}
      onSubmit={async ({ password }) => {
        await update.mutateAsync({ id: user.id, patch: { password } });
        return t('users.password.done', { name: user.display_name });
      }}
    >
      <Alert type="info" showIcon className="admin-note" title={t('users.password.note')} />
      <PasswordFields label={t('users.password.new')} />
    </AdminFormModal>
  );
}
