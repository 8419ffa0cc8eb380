import { Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { EnterprisePicker } from '@/components/console/enterprise-picker';
import { NamedSelect } from '@/components/console/named-select';
import { COUNTY_ROLES, type Role } from '@/lib/auth/roles';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import type { Enterprise } from '@/lib/enterprises/enterprise-search';
import { useCreateUser } from '../api/users';
import { roleNeeds, USER_CREATE_FIELDS, userCreateToUserIn, type UserCreateValues } from '../utils/user-form';
import { ApprovalWorkField } from './approval-work-field';
import { PasswordFields } from './password-fields';

/** The user-name rule the server applies (a code): checked here too, so typos show at once. */
const USERNAME = /^[a-z][a-z0-9_-]{1,63}$/;

/**
 * A new account: who (user name, name, phone), the role and what it is bound to (a department
 * for department roles, an enterprise for an enterprise contact), approval experience for
 * officials, and an initial password typed twice.
 */
export function UserCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const [form] = Form.useForm<UserCreateValues>();
  const role = Form.useWatch('role', form);
  const needs = roleNeeds(role);
  const departments = useAllDepartments();
  const [enterprise, setEnterprise] = useState<Enterprise | null>(null);
  const create = useCreateUser();

  return (
    <AdminFormModal<UserCreateValues>
      name="user-create"
      open={open}
      title={t('admin:users.create.title')}
      okText={t('admin:users.create.ok')}
      width={560}
      form={form}
      fields={USER_CREATE_FIELDS}
      conflict={{ field: 'username', message: t('admin:users.create.usernameTaken') }}
      onClose={() => {
        setEnterprise(null);
        onClose();
      }}
      onSubmit={async (values) => {
        const user = await create.mutateAsync(userCreateToUserIn(values));
        setEnterprise(null);
        return t('admin:users.create.done', { name: user.display_name, username: user.username });
      }}
    >
      <Form.Item
        name="username"
        label={t('admin:users.fields.username')}
        extra={t('admin:users.create.usernameHint')}
        rules={[
          { required: true, whitespace: true, message: t('admin:form.required') },
          { pattern: USERNAME, message: t('admin:users.create.usernameRule') },
        ]}
        normalize={(value: string) => value.trim()}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="display_name"
        label={t('admin:users.fields.displayName')}
        rules={[{ required: true, whitespace: true, message: t('admin:form.required') }]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item name="role" label={t('admin:users.fields.role')} rules={[{ required: true, message: t('admin:form.required') }]}>
        <NamedSelect<Role>
          listLabel={t('admin:users.fields.role')}
          placeholder={t('admin:users.create.rolePlaceholder')}
          options={COUNTY_ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          onChange={() => {
            // What binds the account depends on the role: start over.
            form.setFieldsValue({ department_id: null, enterprise_id: null });
            setEnterprise(null);
          }}
        />
      </Form.Item>
      {needs.department && (
        <Form.Item
          name="department_id"
          label={t('admin:users.fields.department')}
          rules={[{ required: true, message: t('admin:users.create.departmentRequired') }]}
        >
          <NamedSelect<string>
            listLabel={t('admin:users.fields.department')}
            placeholder={t('admin:users.create.departmentPlaceholder')}
            loading={departments.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      )}
      {needs.enterprise && (
        <Form.Item
          name="enterprise_id"
          label={t('admin:users.fields.enterprise')}
          extra={t('admin:users.create.enterpriseHint')}
          rules={[{ required: true, message: t('admin:users.create.enterpriseRequired') }]}
        >
          <EnterprisePicker
            listLabel={t('admin:users.fields.enterprise')}
            placeholder={t('admin:users.create.enterprisePlaceholder')}
            noneFound={t('admin:users.create.enterpriseNoneFound')}
            chosen={enterprise}
            onChoose={setEnterprise}
          />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t('admin:users.fields.phone')}>
        <Input type="tel" autoComplete="off" maxLength={20} />
      </Form.Item>
      <Form.Item name="email" label={t('admin:users.fields.email')} rules={[{ type: 'email', message: t('admin:users.emailRule') }]}>
        <Input type="email" autoComplete="off" maxLength={254} />
      </Form.Item>
      {needs.approvalWork && <ApprovalWorkField role={role} />}
      <PasswordFields label={t('admin:users.create.password')} />
    </AdminFormModal>
  );
}
