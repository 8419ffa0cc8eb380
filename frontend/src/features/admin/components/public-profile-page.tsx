import { App as AntApp, Button, Card, Form, Input, Radio, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminOnly } from '@/components/console/admin-only';
import { LoadFailed } from '@/components/console/load-failed';
import { mapErrorToForm } from '@/lib/api/problem';
import type { RosterDisclosure } from '@/lib/api/types';
import { useTenant } from '@/lib/auth/tenant';
import { codeList } from '@/lib/api/codes';
import {
  usePublicProfile,
  useRosterEntries,
  useSetRosterListing,
  useUpdatePublicProfile,
  type PublicProfile,
  type PublicProfileIn,
  type RosterEntry,
} from '../api/public-profile';

const DISCLOSURES = codeList<RosterDisclosure>({ none: true, names: true, names_and_phones: true });

const TEXT_FIELDS = [
  'office_name',
  'address',
  'office_hours',
  'phone',
  'consultation_phone',
  'complaint_phone',
  'supervision_phone',
  'email',
  'service_rules',
] as const;
const FIELDS = [...TEXT_FIELDS, 'published', 'roster_disclosure'] as const;
type Field = (typeof FIELDS)[number];
type Values = Pick<PublicProfileIn, 'published' | 'roster_disclosure'> & Record<(typeof TEXT_FIELDS)[number], string>;

function toValues(p: PublicProfile): Values {
  return {
    published: p.published,
    roster_disclosure: p.roster_disclosure,
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, p[f] ?? ''])) as Record<(typeof TEXT_FIELDS)[number], string>),
  };
}

/** 公开设置: what the county publishes without a sign-in, and who is on the butler roster. */
export function PublicProfilePage() {
  const { t } = useTranslation(['admin', 'common']);
  const tenant = useTenant();
  return (
    <>
      <title>{`${t('admin:publicProfile.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('admin:publicProfile.title')}
      </Typography.Title>
      <AdminOnly>
        <Typography.Paragraph>
          {t('admin:publicProfile.intro')}{' '}
          {tenant.data && (
            <Typography.Link href={`/public/${tenant.data.code}`} target="_blank" rel="noreferrer" underline>
              {t('admin:publicProfile.open')}
            </Typography.Link>
          )}
        </Typography.Paragraph>
        <ProfileForm />
        <RosterTable />
      </AdminOnly>
    </>
  );
}

function ProfileForm() {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = AntApp.useApp();
  const query = usePublicProfile();
  const update = useUpdatePublicProfile();
  const [form] = Form.useForm<Values>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  useEffect(() => {
    if (query.data) form.setFieldsValue(toValues(query.data));
  }, [form, query.data]);
  if (query.isError) return <LoadFailed error={query.error} onRetry={() => void query.refetch()} />;
  const fallback = { network: t('common:errors.network'), server: t('common:errors.server') };

  const save = async (values: Values) => {
    setFormErrors([]);
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    try {
      await update.mutateAsync(values);
      void message.success(t('admin:publicProfile.saved'));
    } catch (error) {
      const view = mapErrorToForm<Field>(error, FIELDS, fallback);
      form.setFields(FIELDS.map((name) => ({ name, errors: view.fields[name] ?? [] })));
      setFormErrors(view.form);
    }
  };

  const text = (name: (typeof TEXT_FIELDS)[number], extra?: string) => (
    <Form.Item key={name} name={name} label={t(`admin:publicProfile.fields.${name}`)} extra={extra}>
      {name === 'service_rules' || name === 'address' || name === 'office_hours' ? (
        <Input.TextArea rows={name === 'service_rules' ? 6 : 2} maxLength={4000} />
      ) : (
        <Input maxLength={name === 'office_name' ? 200 : 254} />
      )}
    </Form.Item>
  );

  return (
    <Card title={<h2 className="admin-card__title">{t('admin:publicProfile.profileHeading')}</h2>} loading={query.isPending} style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" name="public-profile" onFinish={(v) => void save(v)} style={{ maxWidth: 720 }}>
        <Form.Item
          name="published"
          label={t('admin:publicProfile.fields.published')}
          valuePropName="checked"
          extra={t('admin:publicProfile.fields.publishedHint')}
        >
          <Switch />
        </Form.Item>
        {TEXT_FIELDS.filter((f) => f !== 'service_rules').map((f) => text(f))}
        {text('service_rules', t('admin:publicProfile.fields.serviceRulesHint'))}
        <Form.Item name="roster_disclosure" label={t('admin:publicProfile.fields.roster_disclosure')}>
          <Radio.Group
            options={DISCLOSURES.map((d) => ({ value: d, label: t(`admin:publicProfile.disclosures.${d}`) }))}
          />
        </Form.Item>
        {formErrors.map((e) => (
          <Typography.Paragraph key={e} type="danger" role="alert">
            {e}
          </Typography.Paragraph>
        ))}
        <Space>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('admin:publicProfile.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function RosterTable() {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = AntApp.useApp();
  const entries = useRosterEntries();
  const setListing = useSetRosterListing();
  if (entries.isError) return <LoadFailed error={entries.error} onRetry={() => void entries.refetch()} />;
  const toggle = async (entry: RosterEntry, listed: boolean) => {
    try {
      await setListing.mutateAsync({ userId: entry.user_id, listed });
      const state = listed ? t('admin:publicProfile.listedOn') : t('admin:publicProfile.listedOff');
      void message.success(t('admin:publicProfile.listedSaved', { name: entry.display_name, state }));
    } catch (error) {
      const view = mapErrorToForm(error, [], { network: t('common:errors.network'), server: t('common:errors.server') });
      void message.error(view.form.join(' '));
    }
  };
  return (
    <Card title={<h2 className="admin-card__title">{t('admin:publicProfile.rosterHeading')}</h2>}>
      <Typography.Paragraph>{t('admin:publicProfile.rosterIntro')}</Typography.Paragraph>
      <Table<RosterEntry>
        rowKey="user_id"
        size="middle"
        loading={entries.isPending}
        dataSource={entries.data ?? []}
        pagination={false}
        aria-label={t('admin:publicProfile.rosterHeading')}
        columns={[
          { title: t('admin:publicProfile.columns.name'), dataIndex: 'display_name' },
          { title: t('admin:publicProfile.columns.role'), render: (_, e) => t(`common:roles.${e.role}`) },
          {
            title: t('admin:publicProfile.columns.department'),
            render: (_, e) => e.department?.name ?? t('admin:publicProfile.noDepartment'),
          },
          { title: t('admin:publicProfile.columns.phone'), render: (_, e) => e.phone ?? '—' },
          {
            title: t('admin:publicProfile.columns.listed'),
            render: (_, e) => (
              <Switch
                checked={e.listed}
                aria-label={`${t('admin:publicProfile.columns.listed')}：${e.display_name}`}
                loading={setListing.isPending && setListing.variables?.userId === e.user_id}
                onChange={(on) => void toggle(e, on)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
