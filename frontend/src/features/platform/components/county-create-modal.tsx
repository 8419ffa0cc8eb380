import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { useCreateCounty, type CountyCreated } from '../api/counties';

const FIELDS = ['code', 'name', 'admin.username', 'admin.display_name'] as const;
const CODE = /^[a-z][a-z0-9_-]{1,63}$/;

interface Values {
  code: string;
  name: string;
  admin: { username: string; display_name: string };
}

/** A new county and its first administrator; the administrator's initial password is answered once. */
export function CountyCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CountyCreated) => void;
}) {
  const { t } = useTranslation(['platform', 'admin']);
  const [form] = Form.useForm<Values>();
  const create = useCreateCounty();
  const required = { required: true, whitespace: true, message: t('admin:form.required') };
  const code = { pattern: CODE, message: t('platform:create.codePattern') };
  return (
    <AdminFormModal<Values>
      name="county-create"
      open={open}
      title={t('platform:create.title')}
      okText={t('platform:create.ok')}
      width={560}
      form={form}
      fields={FIELDS}
      conflict={{ field: 'code', message: t('platform:create.codeTaken') }}
      onClose={onClose}
      onSubmit={async (values) => {
        const created = await create.mutateAsync({
          code: values.code.trim(),
          name: values.name.trim(),
          admin: { username: values.admin.username.trim(), display_name: values.admin.display_name.trim() },
        });
        onCreated(created);
        return t('platform:create.done');
      }}
    >
      <Form.Item name="code" label={t('platform:create.fields.code')} extra={t('platform:create.fields.codeHint')} rules={[required, code]}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item name="name" label={t('platform:create.fields.name')} rules={[required]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item name={['admin', 'username']} label={t('platform:create.fields.adminUsername')} rules={[required, code]}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item name={['admin', 'display_name']} label={t('platform:create.fields.adminDisplayName')} rules={[required]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
    </AdminFormModal>
  );
}
