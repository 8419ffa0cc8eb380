import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '@/components/console/form-modal';
import { mapErrorToForm } from '@/lib/api/problem';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { useMeetingCommand, type MeetingDetail, type MinutesIn } from '@/lib/meetings/api';
import { DECISION_KINDS, type DecisionKind } from '@/lib/meetings/codes';

interface ActionValues {
  department_id: string;
  what: string;
  working_days: number;
}

interface DecisionValues {
  text: string;
  kind: DecisionKind;
  case_id?: string;
  actions: ActionValues[];
}

export interface MinutesValues {
  minutes: string;
  decisions: DecisionValues[];
}

export function toMinutesIn(v: MinutesValues): MinutesIn {
  return {
    minutes: v.minutes,
    decisions: (v.decisions ?? []).map((d) => ({
      text: d.text,
      kind: d.kind,
      case_id: d.case_id ?? null,
      actions: (d.actions ?? []).map((a) => ({ department_id: a.department_id, user_id: null, what: a.what, working_days: a.working_days })),
    })),
  };
}

/** Every field path the minutes form has, for placing the server's field messages. */
function fieldsOf(values: Partial<MinutesValues> | undefined): string[] {
  const out = ['minutes'];
  (values?.decisions ?? []).forEach((d, i) => {
    out.push(`decisions.${i}.text`, `decisions.${i}.kind`, `decisions.${i}.case_id`);
    (d?.actions ?? []).forEach((_, j) => {
      for (const f of ['department_id', 'what', 'working_days']) out.push(`decisions.${i}.actions.${j}.${f}`);
    });
  });
  return out;
}

/** The office records the minutes, the decisions and their actions (owner, working days). */
export function MinutesModal({ meeting, open, onClose }: { meeting: MeetingDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['meetings', 'common']);
  const [form] = Form.useForm<MinutesValues>();
  const command = useMeetingCommand();
  const departments = useAllDepartments();
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: d.short_name }));
  const caseOptions = meeting.case_ids.map((id) => ({ value: id, label: id.slice(0, 8) }));
  const required = [{ required: true, whitespace: true, message: t('meetings:form.required') }];

  return (
    <FormModal<MinutesValues>
      name="minutes"
      open={open}
      title={t('meetings:minutes.title')}
      okText={t('meetings:actions.hold')}
      width={860}
      form={form}
      initialValues={{ minutes: '', decisions: [] }}
      onClose={onClose}
      texts={{ cancel: t('meetings:form.cancel'), confirmOk: t('meetings:form.confirm'), failed: t('meetings:form.failed') }}
      onSubmit={async (values) => {
        await command.mutateAsync({ command: 'minutes', id: meeting.id, version: meeting.version, body: toMinutesIn(values) });
        return t('meetings:minutes.saved');
      }}
      describeError={(error) =>
        mapErrorToForm(error, fieldsOf(form.getFieldsValue(true) as Partial<MinutesValues>), {
          network: t('common:status.loadFailed'),
          server: t('common:status.loadFailed'),
        })
      }
    >
      <Form.Item name="minutes" label={t('meetings:minutes.minutes')} rules={required}>
        <Input.TextArea rows={4} maxLength={20000} />
      </Form.Item>
      <Form.List name="decisions">
        {(decisions, { add, remove }) => (
          <>
            {decisions.map((decision, i) => (
              <Card
                key={decision.key}
                size="small"
                title={t('meetings:minutes.decision', { n: i + 1 })}
                extra={<Button size="small" onClick={() => remove(decision.name)}>{t('meetings:form.remove')}</Button>}
                style={{ marginBottom: 16 }}
              >
                <Form.Item name={[decision.name, 'text']} label={t('meetings:minutes.decisionText')} rules={required}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
                <Space wrap>
                  <Form.Item name={[decision.name, 'kind']} label={t('meetings:minutes.decisionKind')} rules={[{ required: true, message: t('meetings:form.required') }]}>
                    <Select style={{ minWidth: 200 }} options={DECISION_KINDS.map((k) => ({ value: k, label: t(`meetings:decisionKinds.${k}`) }))} />
                  </Form.Item>
                  {caseOptions.length > 0 && (
                    <Form.Item name={[decision.name, 'case_id']} label={t('meetings:minutes.decisionCase')}>
                      <Select allowClear style={{ minWidth: 200 }} options={caseOptions} />
                    </Form.Item>
                  )}
                </Space>
                <Form.List name={[decision.name, 'actions']}>
                  {(actions, actionOps) => (
                    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                      <legend style={{ fontSize: 14 }}>{t('meetings:minutes.actions')}</legend>
                      {actions.map((action) => (
                        <Space key={action.key} align="start" wrap>
                          <Form.Item name={[action.name, 'department_id']} label={t('meetings:minutes.actionDepartment')} rules={[{ required: true, message: t('meetings:form.required') }]}>
                            <Select style={{ minWidth: 180 }} showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} />
                          </Form.Item>
                          <Form.Item name={[action.name, 'what']} label={t('meetings:minutes.actionWhat')} rules={required}>
                            <Input style={{ minWidth: 260 }} maxLength={1000} />
                          </Form.Item>
                          <Form.Item name={[action.name, 'working_days']} label={t('meetings:minutes.actionDays')} rules={[{ required: true, message: t('meetings:form.required') }]}>
                            <InputNumber min={1} max={60} precision={0} />
                          </Form.Item>
                          <Button style={{ marginTop: 30 }} onClick={() => actionOps.remove(action.name)}>
                            {t('meetings:form.remove')}
                          </Button>
                        </Space>
                      ))}
                      <Button onClick={() => actionOps.add({ working_days: 2 })}>{t('meetings:minutes.addAction')}</Button>
                    </fieldset>
                  )}
                </Form.List>
              </Card>
            ))}
            <Button onClick={() => add({ kind: 'other', actions: [] })}>{t('meetings:minutes.addDecision')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
