import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Table, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { NamedSelect } from '@/components/console/named-select';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { STAGES } from '@/lib/cases/stages';
import type { ItemIn, MaterialIn } from '../api/manage-items';

/** The form's top-level fields, as the server names them (for its field messages). */
export const ITEM_FIELDS = [
  'code',
  'name',
  'department_id',
  'stage',
  'legal_basis',
  'legal_limit',
  'promised_limit',
  'allows_tolerance',
  'allows_commitment',
  'max_extension_days',
  'legal_fees',
  'fee_basis',
  'result_name',
  'acceptance_conditions',
  'intermediary_services',
  'process',
  'consultation_phone',
  'complaint_phone',
  'supervision_phone',
  'source',
  'source_note',
  'materials',
] as const;

interface Props {
  form: FormInstance<ItemIn>;
  initialValues: Partial<ItemIn>;
  /** The code is fixed once the item exists. */
  codeFixed: boolean;
  /** Department roles write only their own department's items. */
  departmentFixed: boolean;
  disabled: boolean;
  onFinish: (values: ItemIn) => void;
}

/** Every field of an item version, with its materials as an editable table. */
export function ItemForm({ form, initialValues, codeFixed, departmentFixed, disabled, onFinish }: Props) {
  const { t } = useTranslation(['console', 'common']);
  const departments = useAllDepartments();
  const f = (key: string) => t(`console:items.editor.fields.${key}` as never);
  const required = [{ required: true, message: t('console:items.editor.required') }];
  const text = (name: keyof ItemIn, label: string, rows?: number) => (
    <Form.Item name={name} label={label}>
      {rows ? <Input.TextArea rows={rows} /> : <Input />}
    </Form.Item>
  );
  return (
    <Form<ItemIn>
      form={form}
      name="item"
      layout="vertical"
      initialValues={initialValues}
      disabled={disabled}
      onFinish={onFinish}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="code" label={f('code')} rules={required}>
            <Input disabled={codeFixed || disabled} maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={f('name')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="department_id" label={f('department')} rules={required}>
            <NamedSelect<string>
              listLabel={f('department')}
              disabled={departmentFixed || disabled}
              loading={departments.isPending}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="stage" label={f('stage')} rules={required}>
            <NamedSelect<string>
              listLabel={f('stage')}
              options={STAGES.map((s) => ({ value: s, label: t(`common:stages.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="legal_limit" label={f('legalLimit')} extra={f('limitHint')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="promised_limit" label={f('promisedLimit')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="max_extension_days" label={f('maxExtensionDays')}>
            <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="allows_tolerance" valuePropName="checked">
            <Checkbox>{f('allowsTolerance')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="allows_commitment" valuePropName="checked">
            <Checkbox>{f('allowsCommitment')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      {text('legal_basis', f('legalBasis'), 3)}
      {text('acceptance_conditions', f('acceptanceConditions'), 3)}
      {text('process', f('process'), 3)}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {text('result_name', f('resultName'))}
        </Col>
        <Col xs={24} md={12}>
          {text('intermediary_services', f('intermediaryServices'))}
        </Col>
        <Col xs={24} md={12}>
          {text('legal_fees', f('legalFees'))}
        </Col>
        <Col xs={24} md={12}>
          {text('fee_basis', f('feeBasis'))}
        </Col>
        <Col xs={24} md={8}>
          {text('consultation_phone', f('consultationPhone'))}
        </Col>
        <Col xs={24} md={8}>
          {text('complaint_phone', f('complaintPhone'))}
        </Col>
        <Col xs={24} md={8}>
          {text('supervision_phone', f('supervisionPhone'))}
        </Col>
        <Col xs={24} md={12}>
          {text('source', f('source'))}
        </Col>
        <Col xs={24} md={12}>
          {text('source_note', f('sourceNote'))}
        </Col>
      </Row>
      <MaterialsEditor disabled={disabled} />
    </Form>
  );
}

/** The materials as a table: one row each, with required / 容缺 / sample / note. */
function MaterialsEditor({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('console');
  const m = (key: string) => t(`items.editor.materials.${key}` as never);
  return (
    <Form.List name="materials">
      {(rows, { add, remove }) => (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('items.editor.fields.materials')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            aria-label={t('items.editor.fields.materials')}
            columns={[
              {
                key: 'name',
                title: m('name'),
                render: (_, row) => (
                  <Form.Item
                    name={[row.name, 'name']}
                    noStyle
                    rules={[{ required: true, message: t('items.editor.required') }]}
                  >
                    <Input aria-label={`${t('items.editor.materials.row', { index: row.name + 1 })} ${m('name')}`} />
                  </Form.Item>
                ),
              },
              {
                key: 'required',
                title: m('required'),
                width: 70,
                render: (_, row) => (
                  <Form.Item name={[row.name, 'required']} valuePropName="checked" noStyle>
                    <Checkbox aria-label={`${t('items.editor.materials.row', { index: row.name + 1 })} ${m('required')}`} />
                  </Form.Item>
                ),
              },
              {
                key: 'may_be_missing',
                title: m('mayBeMissing'),
                width: 80,
                render: (_, row) => (
                  <Form.Item name={[row.name, 'may_be_missing']} valuePropName="checked" noStyle>
                    <Checkbox
                      aria-label={`${t('items.editor.materials.row', { index: row.name + 1 })} ${m('mayBeMissing')}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'sample',
                title: m('sample'),
                render: (_, row) => (
                  <Form.Item name={[row.name, 'sample']} noStyle>
                    <Input aria-label={`${t('items.editor.materials.row', { index: row.name + 1 })} ${m('sample')}`} />
                  </Form.Item>
                ),
              },
              {
                key: 'note',
                title: m('note'),
                render: (_, row) => (
                  <Form.Item name={[row.name, 'note']} noStyle>
                    <Input aria-label={`${t('items.editor.materials.row', { index: row.name + 1 })} ${m('note')}`} />
                  </Form.Item>
                ),
              },
              {
                key: 'remove',
                title: '',
                width: 48,
                render: (_, row) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('items.editor.materials.remove', { index: row.name + 1 })}
                    onClick={() => remove(row.name)}
                  />
                ),
              },
            ]}
          />
          {!disabled && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              onClick={() => add({ name: '', required: true, may_be_missing: false } satisfies MaterialIn)}
            >
              {m('add')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
