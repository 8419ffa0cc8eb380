import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { useChangeStanding, useRenameCounty, type County } from '../api/counties';

/** A county's new name. */
export function CountyRenameModal({ county, open, onClose }: { county: County; open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['platform', 'admin']);
  const [form] = Form.useForm<{ name: string }>();
  const rename = useRenameCounty(county.code);
  return (
    <AdminFormModal<{ name: string }>
      name="county-rename"
      open={open}
      title={t('platform:rename.title')}
      okText={t('platform:rename.ok')}
      form={form}
      fields={['name']}
      initialValues={{ name: county.name }}
      onClose={onClose}
      onSubmit={async ({ name }) => {
        await rename.mutateAsync(name.trim());
        return t('platform:rename.done');
      }}
    >
      <Form.Item name="name" label={t('platform:rename.name')} rules={[{ required: true, whitespace: true, message: t('admin:form.required') }]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
    </AdminFormModal>
  );
}

/** Suspends a county in service or reinstates a suspended one, with a reason. */
export function CountyStandingModal({ county, open, onClose }: { county: County; open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['platform', 'admin']);
  const [form] = Form.useForm<{ reason: string }>();
  const change = useChangeStanding(county.code);
  const suspending = county.status === 'active';
  return (
    <AdminFormModal<{ reason: string }>
      name="county-standing"
      open={open}
      title={t(suspending ? 'platform:standing.suspendTitle' : 'platform:standing.reinstateTitle', { name: county.name })}
      okText={t(suspending ? 'platform:standing.suspendOk' : 'platform:standing.reinstateOk')}
      danger={suspending}
      confirm={suspending ? { title: t('platform:standing.suspendConfirm') } : null}
      form={form}
      fields={['reason']}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        await change.mutateAsync({ to: suspending ? 'suspend' : 'reinstate', reason: reason.trim() });
        return t(suspending ? 'platform:standing.suspended' : 'platform:standing.reinstated');
      }}
    >
      <p>{t(suspending ? 'platform:standing.suspendNote' : 'platform:standing.reinstateNote')}</p>
      <Form.Item
        name="reason"
        label={t('platform:standing.reason')}
        extra={t('platform:standing.reasonHint')}
        rules={[{ required: true, whitespace: true, message: t('admin:form.required') }]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </AdminFormModal>
  );
}
