import { Alert, Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreReviewCommand, type Gap } from '../api/prereview';
import { showErrors } from '../utils/form-errors';

interface Values {
  no_gaps: boolean;
  gaps: Gap[];
}

/**
 * A department's pre-review opinion (its own only): no gaps, or the gaps found, each with the
 * material, what is wrong or missing, and a note. Sending again replaces the last opinion.
 */
export function OpinionForm({ caseId, initial }: { caseId: string; initial?: Gap[] }) {
  const { t } = useTranslation(['fees', 'common']);
  const [form] = Form.useForm<Values>();
  const command = usePreReviewCommand(caseId);
  const noGaps = Form.useWatch('no_gaps', form);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const submit = async (values: Values) => {
    setProblems([]);
    setDone(false);
    const gaps = values.no_gaps ? [] : (values.gaps ?? []).map((g) => ({ ...g, note: g.note?.trim() ? g.note : null }));
    try {
      await command.mutateAsync({ command: 'opinion', body: { no_gaps: Boolean(values.no_gaps), gaps } });
      setDone(true);
    } catch (error) {
      const fields = [...gaps.flatMap((_, i) => [`gaps.${i}.material`, `gaps.${i}.problem`, `gaps.${i}.note`])];
      setProblems(showErrors(form, error, fields, { network: t('common:errors.network'), server: t('common:errors.server') }));
    }
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      aria-label={t('fees:prereview.opinionHeading')}
      initialValues={{ no_gaps: initial !== undefined && initial.length === 0, gaps: initial?.length ? initial : [{ material: '', problem: '' }] }}
      onFinish={(v) => void submit(v)}
    >
      <Typography.Title level={3} className="section-title">
        {t('fees:prereview.opinionHeading')}
      </Typography.Title>
      {problems.map((p) => (
        <Alert key={p} type="error" title={p} showIcon />
      ))}
      {done && <Alert type="success" title={t('fees:prereview.opinionSaved')} showIcon />}
      <Form.Item name="no_gaps" valuePropName="checked">
        <Checkbox>{t('fees:prereview.noGaps')}</Checkbox>
      </Form.Item>
      {!noGaps && (
        <Form.List name="gaps">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'material']}
                    label={t('fees:prereview.material', { n: index + 1 })}
                    rules={[{ required: true, whitespace: true, message: t('fees:form.required') }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'problem']}
                    label={t('fees:prereview.problem', { n: index + 1 })}
                    rules={[{ required: true, whitespace: true, message: t('fees:form.required') }]}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} label={t('fees:prereview.note', { n: index + 1 })}>
                    <Input maxLength={500} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button onClick={() => remove(field.name)} aria-label={t('fees:prereview.removeGap', { n: index + 1 })}>
                      {t('fees:prereview.remove')}
                    </Button>
                  )}
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button onClick={() => add({ material: '', problem: '' })}>{t('fees:prereview.addGap')}</Button>
            </>
          )}
        </Form.List>
      )}
      <div>
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          {t('fees:prereview.submitOpinion')}
        </Button>
      </div>
    </Form>
  );
}
