import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { NamedSelect } from '@/components/console/named-select';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { useCreateApiClient } from '../api/api-clients';
import { API_CLIENT_ROLES, API_SCOPES, apiClientFormToBody, type ApiClientFormValues, type ApiClientRole, type ApiScope } from '../utils/integrations';

const FIELDS = ['name', 'role', 'department_id', 'scopes', 'rate_limit_per_minute'] as const;

/** A new API client: name, role (a department for a department's agent), scopes, rate limit; its key is shown once. */
export function ApiClientCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: string) => void }) {
  const { t } = useTranslation(['integrations', 'admin', 'common']);
  const [form] = Form.useForm<ApiClientFormValues>();
  const role = Form.useWatch('role', form);
  const departments = useAllDepartments();
  const create = useCreateApiClient();

  return (
    <AdminFormModal<ApiClientFormValues>
      name="api-client-create"
      open={open}
      title={t('integrations:apiClients.create.title')}
      okText={t('integrations:apiClients.create.ok')}
      width={560}
      form={form}
      fields={FIELDS}
      initialValues={{ scopes: [] }}
      onClose={onClose}
      onSubmit={async (values) => {
        const created = await create.mutateAsync(apiClientFormToBody(values));
        onCreated(created.api_key);
        return t('integrations:apiClients.create.done');
      }}
    >
      <Form.Item
        name="name"
        label={t('integrations:apiClients.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('admin:form.required') }]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item name="role" label={t('integrations:apiClients.fields.role')} rules={[{ required: true, message: t('admin:form.required') }]}>
        <NamedSelect<ApiClientRole>
          listLabel={t('integrations:apiClients.fields.role')}
          options={API_CLIENT_ROLES.map((r) => ({ value: r, label: t(`common:apiClientRoles.${r}`) }))}
          onChange={() => form.setFieldsValue({ department_id: null })}
        />
      </Form.Item>
      {role === 'department_agent' && (
        <Form.Item
          name="department_id"
          label={t('integrations:apiClients.fields.department')}
          rules={[{ required: true, message: t('integrations:apiClients.create.departmentRequired') }]}
        >
          <NamedSelect<string>
            listLabel={t('integrations:apiClients.fields.department')}
            loading={departments.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="scopes"
        label={t('integrations:apiClients.fields.scopes')}
        rules={[{ required: true, type: 'array', min: 1, message: t('admin:form.required') }]}
      >
        <NamedSelect<ApiScope[]>
          mode="multiple"
          listLabel={t('integrations:apiClients.fields.scopes')}
          options={API_SCOPES.map((s) => ({ value: s, label: `${t(`common:apiScopes.${s}`, { nsSeparator: false })} (${s})` }))}
        />
      </Form.Item>
      <Form.Item
        name="rate_limit_per_minute"
        label={t('integrations:apiClients.fields.rateLimit')}
        extra={t('integrations:apiClients.fields.rateLimitHint')}
      >
        <InputNumber min={1} max={100000} style={{ width: 200 }} />
      </Form.Item>
    </AdminFormModal>
  );
}
