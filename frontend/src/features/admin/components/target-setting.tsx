import { App as AntApp, Button, Form, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { mapErrorToForm } from '@/lib/api/problem';
import { useTenant } from '@/lib/auth/tenant';
import { useSetTarget } from '../api/tenant-target';

/** The admin sets the county's project-wide target in working days (国家 120 by default). */
export function TargetSetting() {
  const { t } = useTranslation(['analytics', 'common']);
  const { message } = AntApp.useApp();
  const tenant = useTenant();
  const save = useSetTarget();
  const [form] = Form.useForm<{ target_working_days: number }>();
  if (!tenant.data) return null;
  return (
    <section aria-labelledby="tenant-target" className="case-section">
      <Typography.Title level={2} className="section-title" id="tenant-target">
        {t('analytics:target.heading')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('analytics:target.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ target_working_days: tenant.data.target_working_days }}
        onFinish={(values) =>
          save.mutate(values.target_working_days, {
            onSuccess: () => void message.success(t('analytics:target.saved')),
            onError: (error) => {
              const view = mapErrorToForm(error, ['target_working_days'] as const, {
                network: t('common:errors.network'),
                server: t('common:errors.server'),
              });
              form.setFields([{ name: 'target_working_days', errors: view.fields.target_working_days ?? view.form }]);
            },
          })
        }
      >
        <Form.Item name="target_working_days" label={t('analytics:target.label')} rules={[{ required: true }]}>
          <InputNumber min={1} max={750} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('analytics:target.save')}
          </Button>
        </Form.Item>
      </Form>
    </section>
  );
}
