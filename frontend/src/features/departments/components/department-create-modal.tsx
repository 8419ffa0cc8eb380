import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { DEPARTMENT_FIELDS, departmentToRequest, useCreateDepartment, type DepartmentValues } from '../api/create-department';

/** The code rule the server applies: lower-case letters, digits, `-` and `_`, starting with a letter. */
const CODE = /^[a-z][a-z0-9_-]{1,63}$/;

/** 新建部门 (the administrator): a stable code, the full and the short name, a phone. */
export function DepartmentCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<DepartmentValues>();
  const create = useCreateDepartment();
  return (
    <AdminFormModal<DepartmentValues>
      name="department-create"
      open={open}
      title={t('departments.create.title')}
      okText={t('departments.create.ok')}
      width={520}
      form={form}
      fields={DEPARTMENT_FIELDS}
      conflict={{ field: 'code', message: t('departments.create.codeTaken') }}
      onClose={onClose}
      onSubmit={async (values) => {
        const department = await create.mutateAsync(departmentToRequest(values));
        return t('departments.create.done', { name: department.name });
      }}
    >
      <Form.Item
        name="code"
        label={t('departments.fields.code')}
        extra={t('departments.create.codeHint')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { pattern: CODE, message: t('departments.create.codeRule') },
        ]}
        normalize={(value: string) => value.trim()}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('departments.fields.name')}
        extra={t('departments.create.nameHint')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="short_name"
        label={t('departments.fields.shortName')}
        extra={t('departments.create.shortNameHint')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item name="phone" label={t('departments.fields.phone')}>
        <Input type="tel" autoComplete="off" maxLength={20} />
      </Form.Item>
    </AdminFormModal>
  );
}
