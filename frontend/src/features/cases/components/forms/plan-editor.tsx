import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelledSelect } from '@/components/console/labelled-select';
import { DurationText } from '@/components/duration-text';
import { ApiError, normaliseFieldPath } from '@/lib/api/problem';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import type { CaseItem } from '@/lib/cases/types';
import { planErrorRow, planFormToRequest, planRowsFromCase, type PlanRow } from '../../utils/plan-form';
import { ActionModal } from '../action-modal';
import type { CaseFormProps } from './case-form-props';

const ITEM_FIELDS = [
  'agent_id',
  'promised_limit',
  'legal_limit',
  'catalog_item_id',
  'department_id',
  'name',
  'missing_materials',
  'max_extension_days',
  'allows_commitment',
];

/**
 * The service plan (服务方案, 附件4), built from the items the application asked for: per item
 * the promised limit, the agent (a team member of the item's department), prerequisites,
 * 告知承诺, the longest extension and the 容缺 materials with the enterprise's dates.
 */
export function PlanEditor({ case: c, open, onClose }: CaseFormProps) {
  const { t } = useTranslation(['console', 'cases']);
  const [form] = Form.useForm<object>();
  const command = useCaseCommand();
  const [rows, setRows] = useState<PlanRow[]>(() => planRowsFromCase(c));
  const [rowErrors, setRowErrors] = useState<Record<number, string[]>>({});
  const items = [...c.items].sort((a, b) => a.position - b.position);

  const update = (index: number, patch: Partial<PlanRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const validate = () => {
    const errors: Record<number, string[]> = {};
    rows.forEach((row, index) => {
      if (!row.include) return;
      const messages: string[] = [];
      if (!row.agentId) messages.push(t('console:forms.plan.agentRequired'));
      if (!row.promisedLimit.trim()) messages.push(t('console:forms.plan.limitRequired'));
      if (messages.length) errors[index] = messages;
    });
    if (!rows.some((row) => row.include)) errors[-1] = [t('console:forms.plan.noItems')];
    setRowErrors(errors);
    return Object.keys(errors).length === 0;
  };

  const kept = rows.filter((row) => row.include).length;
  const serverFields = Array.from({ length: kept }, (_, i) => [`items.${i}`, ...ITEM_FIELDS.map((f) => `items.${i}.${f}`)]).flat();

  const submit = async () => {
    if (!validate()) throw new PlanInvalid();
    try {
      return await command.mutateAsync({
        command: 'propose_plan',
        id: c.id,
        version: c.version,
        body: planFormToRequest(rows),
      });
    } catch (error) {
      if (error instanceof ApiError) {
        const errors: Record<number, string[]> = {};
        for (const fieldError of error.problem?.errors ?? []) {
          const row = planErrorRow(rows, normaliseFieldPath(fieldError.field));
          if (row !== null) (errors[row] ??= []).push(fieldError.message);
        }
        setRowErrors(errors);
      }
      throw error;
    }
  };

  return (
    <ActionModal<object>
      name="propose_plan"
      open={open}
      title={t('cases:actions.propose_plan')}
      okText={t('console:forms.plan.ok')}
      form={form}
      width={1080}
      fields={serverFields}
      validate={validate}
      onClose={onClose}
      record={{ caseId: c.id }}
      onSubmit={submit}
    >
      <Typography.Paragraph>{t('console:forms.plan.intro')}</Typography.Paragraph>
      {rowErrors[-1] && <Typography.Text type="danger">{rowErrors[-1]?.join(' ')}</Typography.Text>}
      <ol className="plan-editor">
        {rows.map((row, index) => (
          <li key={row.itemId}>
            <PlanRowEditor
              row={row}
              index={index}
              rows={rows}
              item={items[index]}
              team={c.team}
              errors={rowErrors[index] ?? []}
              onChange={(patch) => update(index, patch)}
            />
          </li>
        ))}
      </ol>
    </ActionModal>
  );
}

/** Thrown when the editor's own checks fail: the rows show why; nothing is sent. */
export class PlanInvalid extends Error {}

interface RowProps {
  row: PlanRow;
  index: number;
  rows: PlanRow[];
  item: CaseItem | undefined;
  team: CaseFormProps['case']['team'];
  errors: string[];
  onChange: (patch: Partial<PlanRow>) => void;
}

function PlanRowEditor({ row, index, rows, item, team, errors, onChange }: RowProps) {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const departmentName = useDepartmentName();
  const id = useId();
  const agents = team.filter((m) => m.team_role !== 'responsible_leader' && m.department_id === row.departmentId);
  const tolerable = item?.materials.filter((m) => m.may_be_missing).map((m) => m.name) ?? [];
  const errorId = `${id}-errors`;
  const described = errors.length ? { 'aria-describedby': errorId, 'aria-invalid': true } : {};

  return (
    <Card
      size="small"
      className={row.include ? 'plan-row' : 'plan-row plan-row--excluded'}
      title={
        <Space wrap>
          <span className="plan-row__number">{index + 1}.</span>
          <span>{row.name}</span>
          <Tag>{departmentName(row.departmentId)}</Tag>
          {item?.stage && <Tag color="blue">{t(`common:stages.${item.stage}` as never)}</Tag>}
          {!row.catalogItemId && <Tag color="warning">{t('console:forms.plan.offCatalog')}</Tag>}
        </Space>
      }
      extra={
        <Checkbox checked={row.include} onChange={(e) => onChange({ include: e.target.checked })}>
          {t('console:forms.plan.include')}
        </Checkbox>
      }
    >
      {row.include && (
        <div className="plan-row__grid">
          <div>
            <label htmlFor={`${id}-limit`}>{t('console:forms.plan.promisedLimit')}</label>
            <Input
              id={`${id}-limit`}
              value={row.promisedLimit}
              placeholder={t('console:forms.plan.limitPlaceholder')}
              onChange={(e) => onChange({ promisedLimit: e.target.value })}
              {...described}
            />
            {item?.legal_limit && (
              <Typography.Text type="secondary" className="plan-row__hint">
                {t('console:forms.plan.legalLimit')} <DurationText value={item.legal_limit} />
              </Typography.Text>
            )}
          </div>
          <div>
            <LabelledSelect<string>
              label={t('console:forms.plan.agent')}
              value={row.agentId}
              onChange={(agentId) => onChange({ agentId })}
              options={agents.map((m) => ({ value: m.user_id, label: m.display_name }))}
              notFoundContent={t('console:forms.plan.noAgent')}
              style={{ width: '100%' }}
              {...described}
            />
          </div>
          <div>
            <LabelledSelect<number[]>
              label={t('console:forms.plan.prerequisites')}
              mode="multiple"
              value={row.prerequisites}
              onChange={(prerequisites) => onChange({ prerequisites })}
              options={rows
                .map((other, i) => ({ other, i }))
                .filter(({ other, i }) => i !== index && other.include)
                .map(({ other, i }) => ({ value: i, label: `${i + 1}. ${other.name}` }))}
              placeholder={t('console:forms.plan.noPrerequisites')}
              style={{ width: '100%' }}
            />
          </div>
          <div>
            <label htmlFor={`${id}-extension`}>{t('console:forms.plan.maxExtension')}</label>
            <InputNumber
              id={`${id}-extension`}
              min={0}
              max={365}
              value={row.maxExtensionDays}
              onChange={(value) => onChange({ maxExtensionDays: typeof value === 'number' ? value : null })}
              style={{ width: '100%' }}
            />
            <Checkbox checked={row.allowsCommitment} onChange={(e) => onChange({ allowsCommitment: e.target.checked })}>
              {t('console:forms.plan.commitment')}
            </Checkbox>
          </div>
          <div className="plan-row__wide">
            <Typography.Text strong>{t('console:forms.plan.missing')}</Typography.Text>
            <Typography.Text type="secondary" className="plan-row__hint">
              {tolerable.length
                ? t('console:forms.plan.missingHelp', { names: tolerable.join('、') })
                : t('console:forms.plan.missingNone')}
            </Typography.Text>
            {row.missingMaterials.map((material, m) => (
              <Space key={m} wrap className="plan-row__missing">
                <label htmlFor={`${id}-missing-${m}`} className="visually-hidden">
                  {t('console:forms.plan.missingName', { n: m + 1 })}
                </label>
                <Input
                  id={`${id}-missing-${m}`}
                  value={material.name}
                  placeholder={t('console:forms.plan.missingNamePlaceholder')}
                  onChange={(e) =>
                    onChange({
                      missingMaterials: row.missingMaterials.map((x, k) => (k === m ? { ...x, name: e.target.value } : x)),
                    })
                  }
                  style={{ width: 320 }}
                />
                <label htmlFor={`${id}-missing-date-${m}`}>{t('console:forms.plan.committedBy')}</label>
                <Input
                  id={`${id}-missing-date-${m}`}
                  type="date"
                  value={material.committedBy}
                  onChange={(e) =>
                    onChange({
                      missingMaterials: row.missingMaterials.map((x, k) => (k === m ? { ...x, committedBy: e.target.value } : x)),
                    })
                  }
                  style={{ width: 170 }}
                />
                <Button
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('console:forms.plan.removeMissing', { n: m + 1 })}
                  onClick={() => onChange({ missingMaterials: row.missingMaterials.filter((_, k) => k !== m) })}
                />
              </Space>
            ))}
            <div>
              <Button
                size="small"
                icon={<PlusOutlined aria-hidden />}
                onClick={() =>
                  onChange({ missingMaterials: [...row.missingMaterials, { name: tolerable[row.missingMaterials.length] ?? '', committedBy: '' }] })
                }
              >
                {t('console:forms.plan.addMissing')}
              </Button>
            </div>
          </div>
        </div>
      )}
      {errors.length > 0 && (
        <ul id={errorId} className="plan-row__errors">
          {errors.map((message) => (
            <li key={message}>
              <Typography.Text type="danger">{message}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
