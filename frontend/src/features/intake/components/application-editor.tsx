import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EnterpriseConditionBanner } from '@/components/console/condition-banner';
import { EnterprisePicker } from '@/components/console/enterprise-picker';
import { NamedSelect } from '@/components/console/named-select';
import { ApiError, type FormErrors } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/me';
import { useTenant } from '@/lib/auth/tenant';
import { mayEditApplication, maySubmitApplications } from '@/lib/cases/applicants';
import { ApplicationStepError, useApplication } from '@/lib/cases/api/apply';
import { useReloadRecord } from '@/lib/cases/api/reload';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { useCatalog } from '@/lib/cases/api/list-catalog';
import { isIndustryCode } from '@/lib/cases/application-form';
import type { Case } from '@/lib/cases/types';
import { parseCreditCode } from '@/lib/enterprises/credit-code';
import type { Enterprise } from '@/lib/enterprises/enterprise-search';
import { parseWanToFen } from '@/lib/format/money';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import {
  applicationErrors,
  completeValues,
  EMPTY_INTAKE,
  enterpriseErrors,
  enterpriseToRequest,
  intakeFromCase,
  intakeToCaseIn,
  intakeToPatch,
  type IntakeField,
  type IntakeValues,
} from '../utils/intake-form';
import { CatalogPicker } from './catalog-picker';
import './intake.css';

interface ApplicationEditorProps {
  /** The draft being edited (as the page has read it); absent for a new application. */
  existing?: Case;
}

type Intent = 'draft' | 'submit';

const path = (field: string) => field.split('.');
// Codes are upper case; typing them in lower case is fine.
const upperCase = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

/**
 * The application (申请受理表, 附件2) filled in at the console for an enterprise: the enterprise
 * (chosen, or registered on the way), the project, the contact and the items wanted. Saved as a
 * draft and, for the investment officer, submitted for review at once. Once saved, further
 * saves change that draft (If-Match), so a failed submission never creates a second case.
 */
export function ApplicationEditor({ existing }: ApplicationEditorProps) {
  // A draft someone else changed meanwhile (412) is read again by key; the form then starts
  // afresh from it.
  const reload = useReloadRecord();
  const [generation, setGeneration] = useState(0);
  const onReload = existing
    ? () => void reload({ caseId: existing.id }).then(() => setGeneration((n) => n + 1))
    : undefined;
  return <ApplicationForm key={generation} existing={existing} onReload={onReload} />;
}

function ApplicationForm({ existing, onReload }: ApplicationEditorProps & { onReload: (() => void) | undefined }) {
  const { t } = useTranslation(['intake', 'common']);
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<IntakeValues>();
  const me = useMe();
  const tenant = useTenant();
  const wanYuan = useWanYuan();
  const catalog = useCatalog();
  const departments = useAllDepartments();
  const apply = useApplication();
  /** The draft as last saved: set once a new application has been created. */
  const [saved, setSaved] = useState<Case | null>(existing ?? null);
  const [summary, setSummary] = useState<{ messages: string[]; stale: boolean } | null>(null);
  const [sending, setSending] = useState<Intent | null>(null);
  /** The enterprise last picked from the search, or registered here. */
  const [picked, setPicked] = useState<Enterprise | null>(null);
  // The contact follows the enterprise until someone types in it.
  const contactTouched = useRef(Boolean(existing));
  const summaryRef = useRef<HTMLDivElement>(null);

  const mode = Form.useWatch('enterpriseMode', form) ?? EMPTY_INTAKE.enterpriseMode;
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const investment = Form.useWatch('investmentWan', form) ?? '';
  const chosenItems = Form.useWatch('catalogItemIds', form);
  const [itemFilter, setItemFilter] = useState('');
  const chosenEnterprise = picked && picked.id === enterpriseId ? picked : undefined;
  const maySubmit = saved ? mayEditApplication(saved) : maySubmitApplications(me.data?.role);
  const fallback = { network: t('common:errors.network'), server: t('common:errors.server') };

  const threshold = tenant.data?.investment_threshold_fen;
  const investmentFen = investment.trim() ? parseWanToFen(investment) : null;
  const belowThreshold = threshold !== undefined && investmentFen !== null && investmentFen < threshold;

  const show = (view: FormErrors<IntakeField>, stale = false) => {
    const entries = Object.entries(view.fields) as [IntakeField, string[]][];
    form.setFields(entries.map(([name, errors]) => ({ name: path(name) as never, errors })));
    setSummary(view.form.length > 0 ? { messages: view.form, stale } : null);
    const first = entries[0];
    if (first) form.scrollToField(path(first[0]), { focus: true, block: 'center' });
    else setTimeout(() => summaryRef.current?.focus());
  };

  const send = async (intent: Intent) => {
    setSummary(null);
    try {
      await form.validateFields();
    } catch (error) {
      const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { focus: true, block: 'center' });
      return;
    }
    const values = completeValues(form.getFieldsValue(true) as Partial<IntakeValues>);
    setSending(intent);
    try {
      const draft = await apply(
        {
          register: !saved && values.enterpriseMode === 'new' ? enterpriseToRequest(values.enterprise) : undefined,
          draft: (registeredId) => intakeToCaseIn(values, registeredId ?? values.enterpriseId),
          saved: saved ? { case: saved, patch: intakeToPatch(values) } : null,
          submit: intent === 'submit',
        },
        {
          onRegistered: (registered) => {
            // Registered once: should saving the application fail, a retry must not register
            // the enterprise again (409), so the form now points at it.
            setPicked(registered);
            form.setFieldsValue({ enterpriseMode: 'existing', enterpriseId: registered.id });
            void message.success(t('intake:enterprise.registered', { name: registered.name }));
          },
          onSaved: setSaved,
        },
      );
      void message.success(intent === 'submit' ? t('intake:submitted') : t('intake:saved'));
      void navigate(`/console/cases/${draft.id}`);
    } catch (failure) {
      const error = failure instanceof ApplicationStepError ? failure.cause : failure;
      if (failure instanceof ApplicationStepError && failure.step === 'enterprise') {
        show(enterpriseErrors(error, fallback, t('intake:enterprise.creditCodeTaken')));
      } else if (error instanceof ApiError && (error.status === 412 || error.code === 'version_mismatch')) {
        show({ fields: {}, form: [t('intake:stale')] }, true);
      } else {
        show(applicationErrors(error, fallback));
      }
    } finally {
      setSending(null);
    }
  };

  const onValuesChange = (changed: Partial<IntakeValues>, all: IntakeValues) => {
    if ('contactName' in changed || 'contactPhone' in changed) contactTouched.current = true;
    if (contactTouched.current) return;
    if (changed.enterpriseMode === 'existing' && picked && picked.id === all.enterpriseId) {
      form.setFieldsValue({ contactName: picked.contact_name });
    }
    if (changed.enterprise || changed.enterpriseMode === 'new') {
      form.setFieldsValue({ contactName: all.enterprise?.contactName ?? '', contactPhone: all.enterprise?.contactPhone ?? '' });
    }
  };

  const required = (label: string): Rule => ({ required: true, whitespace: true, message: t('intake:problems.required', { field: label }) });
  const creditCodeRule: Rule = {
    validator: async (_, value: string | undefined) => {
      if (!value?.trim()) return;
      const result = parseCreditCode(value);
      if (result.ok) return;
      const { problem } = result;
      throw new Error(
        problem.kind === 'length'
          ? t('intake:problems.creditCode.length', { count: problem.got })
          : problem.kind === 'character'
            ? t('intake:problems.creditCode.character', { position: problem.position, ch: problem.ch })
            : t('intake:problems.creditCode.checkDigit', { expected: problem.expected }),
      );
    },
  };
  const itemsRule: Rule = {
    validator: async (_, value: string[] | undefined) => {
      const offCatalog = (form.getFieldValue('offCatalog') as IntakeValues['offCatalog'] | undefined) ?? [];
      if ((value?.length ?? 0) === 0 && !offCatalog.some((row) => row?.name?.trim())) {
        throw new Error(t('intake:problems.items'));
      }
    },
  };

  const label = {
    enterprise: t('intake:enterprise.choose'),
    name: t('intake:enterprise.name'),
    creditCode: t('intake:enterprise.creditCode'),
    enterpriseContact: t('intake:enterprise.contactName'),
    enterprisePhone: t('intake:enterprise.contactPhone'),
    address: t('intake:enterprise.address'),
    projectName: t('intake:project.name'),
    industryCode: t('intake:project.industryCode'),
    investment: t('intake:project.investment'),
    location: t('intake:project.location'),
    signedOn: t('intake:project.agreementSignedOn'),
    projectCode: t('intake:project.projectCode'),
    brief: t('intake:project.brief'),
    contactName: t('intake:contact.name'),
    contactPhone: t('intake:contact.phone'),
  };
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const busy = sending !== null;

  return (
    <Form<IntakeValues>
      name="intake"
      form={form}
      layout="vertical"
      requiredMark
      initialValues={existing ? intakeFromCase(existing) : EMPTY_INTAKE}
      onValuesChange={onValuesChange}
      onFinish={() => void send(maySubmit ? 'submit' : 'draft')}
      className="intake-form"
    >
      <div ref={summaryRef} tabIndex={-1} className="intake-summary">
        {summary && (
          <Alert
            type="error"
            showIcon
            title={summary.messages.length === 1 ? summary.messages[0] : t('intake:failed')}
            description={
              summary.messages.length > 1 ? (
                <ul>
                  {summary.messages.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ) : undefined
            }
            action={summary.stale && onReload ? <Button size="small" onClick={onReload}>{t('intake:reload')}</Button> : undefined}
          />
        )}
      </div>
      {saved && !existing && (
        <Alert
          type="info"
          showIcon
          className="intake-saved"
          title={t('intake:savedAs', { number: saved.number })}
          description={<Link to={`/console/cases/${saved.id}`}>{t('intake:openCase')}</Link>}
        />
      )}

      <Card className="intake-card" title={<Typography.Title level={2} className="section-title">{t('intake:enterprise.heading')}</Typography.Title>}>
        {saved ? (
          <Descriptions
            column={2}
            items={[
              { key: 'name', label: label.name, children: saved.enterprise.name },
              { key: 'code', label: label.creditCode, children: <span className="credit-code">{saved.enterprise.credit_code}</span> },
            ]}
          />
        ) : (
          <>
            <Form.Item name="enterpriseMode" label={t('intake:enterprise.mode')}>
              <Radio.Group
                options={[
                  { value: 'existing', label: t('intake:enterprise.existing') },
                  { value: 'new', label: t('intake:enterprise.new') },
                ]}
              />
            </Form.Item>
            {mode === 'existing' ? (
              <>
                <Form.Item name="enterpriseId" label={label.enterprise} extra={t('intake:enterprise.searchHint')} rules={[{ required: true, message: t('intake:problems.enterprise') }]}>
                  <EnterprisePicker
                    listLabel={label.enterprise}
                    placeholder={t('intake:enterprise.searchPlaceholder')}
                    noneFound={t('intake:enterprise.noneFound')}
                    chosen={picked}
                    onChoose={(enterprise) => {
                      setPicked(enterprise);
                      if (!contactTouched.current) form.setFieldsValue({ contactName: enterprise.contact_name });
                    }}
                  />
                </Form.Item>
                {chosenEnterprise && <EnterpriseConditionBanner enterpriseId={chosenEnterprise.id} />}
                {chosenEnterprise && (
                  <Descriptions
                    size="small"
                    column={2}
                    className="intake-enterprise"
                    items={[
                      { key: 'code', label: label.creditCode, children: <span className="credit-code">{chosenEnterprise.credit_code}</span> },
                      { key: 'contact', label: label.enterpriseContact, children: `${chosenEnterprise.contact_name} ${chosenEnterprise.contact_phone_masked}` },
                      { key: 'address', label: label.address, children: chosenEnterprise.address ?? '—' },
                    ]}
                  />
                )}
              </>
            ) : (
              <Row gutter={24}>
                <Col xs={24} lg={12}>
                  <Form.Item name={['enterprise', 'name']} label={label.name} rules={[required(label.name)]}>
                    <Input maxLength={200} autoComplete="organization" />
                  </Form.Item>
                </Col>
                <Col xs={24} lg={12}>
                  <Form.Item
                    name={['enterprise', 'creditCode']}
                    label={label.creditCode}
                    extra={t('intake:enterprise.creditCodeHint')}
                    rules={[required(label.creditCode), creditCodeRule]}
                    validateTrigger="onBlur"
                    normalize={upperCase}
                  >
                    <Input maxLength={18} className="credit-code" spellCheck={false} />
                  </Form.Item>
                </Col>
                <Col xs={24} lg={12}>
                  <Form.Item name={['enterprise', 'contactName']} label={label.enterpriseContact} rules={[required(label.enterpriseContact)]}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} lg={12}>
                  <Form.Item name={['enterprise', 'contactPhone']} label={label.enterprisePhone} rules={[required(label.enterprisePhone)]}>
                    <Input type="tel" maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={['enterprise', 'address']} label={label.address}>
                    <Input maxLength={500} />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </>
        )}
      </Card>

      <Card className="intake-card" title={<Typography.Title level={2} className="section-title">{t('intake:project.heading')}</Typography.Title>}>
        <Row gutter={24}>
          <Col xs={24}>
            <Form.Item name="projectName" label={label.projectName} rules={[required(label.projectName)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              name="investmentWan"
              label={label.investment}
              extra={threshold !== undefined ? t('intake:project.investmentHint', { threshold: wanYuan(threshold, { trimZeros: true }) }) : undefined}
              rules={[
                required(label.investment),
                {
                  validator: async (_, value: string | undefined) => {
                    if (value?.trim() && parseWanToFen(value) === null) throw new Error(t('intake:problems.investment'));
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix={t('intake:project.wanYuan')} />
            </Form.Item>
            {belowThreshold && (
              <Alert
                type="warning"
                showIcon
                className="intake-threshold"
                title={t('intake:project.belowThreshold', { threshold: wanYuan(threshold, { trimZeros: true }) })}
              />
            )}
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              name="industryCode"
              label={label.industryCode}
              extra={t('intake:project.industryHint')}
              normalize={upperCase}
              rules={[
                required(label.industryCode),
                {
                  validator: async (_, value: string | undefined) => {
                    if (value?.trim() && !isIndustryCode(value)) throw new Error(t('intake:problems.industryCode'));
                  },
                },
              ]}
            >
              <Input maxLength={5} spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="location" label={label.location} rules={[required(label.location)]}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="projectCode" label={label.projectCode} extra={t('intake:project.projectCodeHint')}>
              <Input maxLength={30} spellCheck={false} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="agreementSignedOn" label={label.signedOn} extra={existing ? t('intake:project.signedOnKept') : undefined}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="brief" label={label.brief} rules={[required(label.brief)]}>
              <Input.TextArea rows={4} maxLength={5000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card className="intake-card" title={<Typography.Title level={2} className="section-title">{t('intake:contact.heading')}</Typography.Title>}>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="contactName" label={label.contactName} rules={[required(label.contactName)]}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              name="contactPhone"
              label={label.contactPhone}
              rules={saved ? [] : [required(label.contactPhone)]}
              extra={
                saved
                  ? t('intake:contact.keepPhone', { phone: saved.contact_phone_masked })
                  : mode === 'existing' && chosenEnterprise
                    ? t('intake:contact.enterprisePhone', { phone: chosenEnterprise.contact_phone_masked })
                    : undefined
              }
            >
              <Input type="tel" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card className="intake-card" title={<Typography.Title level={2} className="section-title">{t('intake:items.heading')}</Typography.Title>}>
        <Typography.Paragraph type="secondary">{t('intake:items.intro')}</Typography.Paragraph>
        {catalog.isError && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={catalog.error.message} />}
        <div className="intake-catalog__bar">
          <Input
            allowClear
            className="intake-catalog__filter"
            aria-label={t('intake:items.filter')}
            placeholder={t('intake:items.filter')}
            value={itemFilter}
            onChange={(event) => setItemFilter(event.target.value)}
          />
          <Typography.Text aria-live="polite">{t('intake:items.chosenTotal', { count: chosenItems?.length ?? 0 })}</Typography.Text>
        </div>
        <Form.Item name="catalogItemIds" rules={[itemsRule]} dependencies={['offCatalog']}>
          <CatalogPicker catalog={catalog.data ?? []} filter={itemFilter} />
        </Form.Item>
        <Typography.Title level={3} className="subsection-title">
          {t('intake:items.offCatalogHeading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('intake:items.offCatalogIntro')}</Typography.Paragraph>
        <Form.List name="offCatalog">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, index) => (
                <Row key={row.key} gutter={16} align="top" className="intake-off-catalog">
                  <Col xs={24} lg={11}>
                    <Form.Item
                      name={[row.name, 'name']}
                      label={t('intake:items.offCatalogName', { n: index + 1 })}
                      rules={[required(t('intake:items.offCatalogName', { n: index + 1 }))]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} lg={10}>
                    <Form.Item
                      name={[row.name, 'departmentId']}
                      label={t('intake:items.offCatalogDepartment', { n: index + 1 })}
                      rules={[{ required: true, message: t('intake:problems.department') }]}
                    >
                      <NamedSelect<string>
                        listLabel={t('intake:items.offCatalogDepartment', { n: index + 1 })}
                        showSearch={{ optionFilterProp: 'label' }}
                        loading={departments.isPending}
                        options={departmentOptions}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} lg={3} className="intake-off-catalog__remove">
                    <Button
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('intake:items.removeOffCatalog', { n: index + 1 })}
                      onClick={() => {
                        remove(row.name);
                        void form.validateFields(['catalogItemIds']).catch(() => {});
                      }}
                    />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', departmentId: undefined })}>
                {t('intake:items.addOffCatalog')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <div className="intake-actions">
        {!maySubmit && <Typography.Paragraph type="secondary">{t('intake:draftOnly')}</Typography.Paragraph>}
        <Space wrap>
          {maySubmit && (
            <Button type="primary" htmlType="submit" loading={sending === 'submit'} disabled={busy}>
              {t('intake:submit')}
            </Button>
          )}
          <Button type={maySubmit ? 'default' : 'primary'} onClick={() => void send('draft')} loading={sending === 'draft'} disabled={busy}>
            {t('intake:saveDraft')}
          </Button>
          <Link to={saved ? `/console/cases/${saved.id}` : '/console/cases'}>{t('intake:cancel')}</Link>
        </Space>
      </div>
    </Form>
  );
}
