import { Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '@/components/console/form-modal';
import { mapErrorToForm } from '@/lib/api/problem';
import { useCases } from '@/lib/cases/api/list-cases';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { useMeetingCommand, type MeetingIn } from '@/lib/meetings/api';
import { MEETING_KINDS, type MeetingKind } from '@/lib/meetings/codes';

export interface ConveneValues {
  title: string;
  kind: MeetingKind;
  /** `YYYY-MM-DDTHH:mm` in the county's time (UTC+8). */
  scheduled_at: string;
  place: string;
  agenda: string[];
  attendees: string[];
  case_ids: string[];
}

/** A local date and time in the county (UTC+8, no daylight saving) as an instant. */
export function countyInstant(local: string): string {
  return new Date(`${local}:00+08:00`).toISOString();
}

/** The body a convene form sends. */
export function toMeetingIn(v: ConveneValues): MeetingIn {
  return {
    title: v.title,
    kind: v.kind,
    scheduled_at: countyInstant(v.scheduled_at),
    place: v.place,
    agenda: v.agenda,
    attendees: v.attendees.map((department_id) => ({ department_id, user_id: null })),
    case_ids: v.case_ids,
  };
}

const FIELDS = ['title', 'kind', 'scheduled_at', 'place', 'agenda', 'attendees', 'case_ids'] as const;

/** The office convenes a meeting: title, kind, time, place, agenda, departments, cases. */
export function ConveneModal({ open, onClose, onConvened }: { open: boolean; onClose: () => void; onConvened: (id: string) => void }) {
  const { t } = useTranslation(['meetings', 'common']);
  const [form] = Form.useForm<ConveneValues>();
  const command = useMeetingCommand();
  const departments = useAllDepartments();
  const cases = useCases({});
  const caseOptions = (cases.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.project_name}` }));
  const required = [{ required: true, whitespace: true, message: t('meetings:form.required') }];

  return (
    <FormModal<ConveneValues>
      name="convene"
      open={open}
      title={t('meetings:form.conveneTitle')}
      okText={t('meetings:actions.convene')}
      width={720}
      form={form}
      initialValues={{ kind: 'joint_meeting', agenda: [''], attendees: [], case_ids: [] }}
      onClose={onClose}
      texts={{ cancel: t('meetings:form.cancel'), confirmOk: t('meetings:form.confirm'), failed: t('meetings:form.failed') }}
      onSubmit={async (values) => {
        const meeting = await command.mutateAsync({ command: 'convene', body: toMeetingIn(values) });
        onConvened(meeting.id);
        return t('meetings:form.convened');
      }}
      describeError={(error) => {
        const agendaFields = (form.getFieldValue('agenda') as string[] | undefined ?? []).map((_, i) => `agenda.${i}` as const);
        const attendeeAliases = Object.fromEntries(
          (form.getFieldValue('attendees') as string[] | undefined ?? []).map((_, i) => [`attendees.${i}.department_id`, 'attendees' as const]),
        );
        const caseAliases = Object.fromEntries(
          (form.getFieldValue('case_ids') as string[] | undefined ?? []).map((_, i) => [`case_ids.${i}`, 'case_ids' as const]),
        );
        return mapErrorToForm(error, [...FIELDS, ...agendaFields], { network: t('common:status.loadFailed'), server: t('common:status.loadFailed') }, {
          ...attendeeAliases,
          ...caseAliases,
        });
      }}
    >
      <Form.Item name="title" label={t('meetings:form.title')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('meetings:form.kind')} rules={[{ required: true }]}>
        <Select options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings:kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="scheduled_at" label={t('meetings:form.scheduledAt')} rules={required}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item name="place" label={t('meetings:form.place')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.List name="agenda">
        {(items, { add, remove }) => (
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14 }}>{t('meetings:form.agenda')}</legend>
            {items.map((item, i) => (
              <Space key={item.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={item.name} rules={required} style={{ flex: 1, minWidth: 480 }}>
                  <Input aria-label={t('meetings:form.agendaItem', { n: i + 1 })} maxLength={1000} />
                </Form.Item>
                {items.length > 1 && (
                  <Button onClick={() => remove(item.name)} aria-label={`${t('meetings:form.remove')} ${t('meetings:form.agendaItem', { n: i + 1 })}`}>
                    {t('meetings:form.remove')}
                  </Button>
                )}
              </Space>
            ))}
            <Form.Item>
              <Button onClick={() => add('')}>{t('meetings:form.addAgenda')}</Button>
            </Form.Item>
          </fieldset>
        )}
      </Form.List>
      <Form.Item name="attendees" label={t('meetings:form.attendees')} rules={[{ required: true, message: t('meetings:form.required') }]}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.short_name }))} />
      </Form.Item>
      <Form.Item name="case_ids" label={t('meetings:form.cases')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={caseOptions} />
      </Form.Item>
    </FormModal>
  );
}
