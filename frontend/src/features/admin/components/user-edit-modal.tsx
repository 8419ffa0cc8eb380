import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { useUpdateUser } from '../api/users';
import { roleNeeds, USER_EDIT_FIELDS, userEditToPatch, userEditValues, type User, type UserEditValues } from '../utils/user-form';
import { ApprovalWorkField } from './approval-work-field';

/**
 * Changes a person's name, phone and approval experience. The phone is only ever shown masked,
 * so a new number is typed in full, or the current one removed.
 */
export function UserEditModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<UserEditValues>();
  const removePhone = Form.useWatch('remove_phone', form);
  const update = useUpdateUser();

  return (
    <AdminFormModal<UserEditValues>
      name="user-edit"
      open
      title={t('users.edit.title', { name: user.display_name })}
      okText={t('users.edit.ok')}
      width={520}
      form={form}
      fields={USER_EDIT_FIELDS}
      initialValues={userEditValues(user)}
      onClose={onClose}
      onSubmit={async (values) => {
        const patch = userEditToPatch(user, values);
        if (!patch) return t('users.edit.unchanged');
        const saved = await update.mutateAsync({ id: user.id, patch });
        return t('users.edit.done', { name: saved.display_name });
      }}
    >
      <Form.Item
        name="display_name"
        label={t('users.fields.displayName')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('users.edit.newPhone')}
        extra={user.phone_masked ? t('users.edit.phoneNow', { phone: user.phone_masked }) : t('users.edit.phoneNone')}
      >
        <Input type="tel" autoComplete="off" maxLength={20} disabled={removePhone} />
      </Form.Item>
      {user.phone_masked && (
        <Form.Item name="remove_phone" valuePropName="checked">
          <Checkbox>{t('users.edit.removePhone')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="email" label={t('users.fields.email')} rules={[{ type: 'email', message: t('users.emailRule') }]}>
        <Input type="email" autoComplete="off" maxLength={254} />
      </Form.Item>
      {roleNeeds(user.role).approvalWork && <ApprovalWorkField role={user.role} />}
    </AdminFormModal>
  );
}
