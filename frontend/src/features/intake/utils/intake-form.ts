/**
 * The application an official fills in for an enterprise (代为填报): the shared application
 * form (申请受理表, 附件2) plus the enterprise it is for — one already registered, or a new one
 * registered on the way — and its mapping to the API's `EnterpriseIn`, `CaseIn` and `CasePatch`.
 */
import { ApiError, mapErrorToForm, normaliseFieldPath, type FallbackMessages, type FormErrors } from '@/lib/api/problem';
import { APPLICATION_ALIASES, applicationToRequest, type ApplicationValues } from '@/lib/cases/application-form';
import type { Case, CaseIn } from '@/lib/cases/types';
import type { CasePatch } from '@/lib/cases/api/update-case';
import type { EnterpriseIn } from '@/lib/enterprises/create-enterprise';

export type EnterpriseMode = 'existing' | 'new';

export interface NewEnterpriseValues {
  name: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address: string;
}

export interface IntakeValues extends ApplicationValues {
  enterpriseMode: EnterpriseMode;
  /** The chosen registered enterprise (`existing`). */
  enterpriseId: string;
  /** The enterprise to register (`new`). */
  enterprise: NewEnterpriseValues;
}

export const EMPTY_INTAKE: IntakeValues = {
  enterpriseMode: 'existing',
  enterpriseId: '',
  enterprise: { name: '', creditCode: '', contactName: '', contactPhone: '', address: '' },
  projectName: '',
  industryCode: '',
  investmentWan: '',
  location: '',
  projectCode: '',
  agreementSignedOn: '',
  brief: '',
  contactName: '',
  contactPhone: '',
  catalogItemIds: [],
  offCatalog: [],
};

/** What the form holds, with every field present (Ant Design leaves unset ones undefined). */
export function completeValues(partial: Partial<IntakeValues>): IntakeValues {
  return {
    ...EMPTY_INTAKE,
    ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
    enterprise: { ...EMPTY_INTAKE.enterprise, ...(partial.enterprise ?? {}) },
    catalogItemIds: partial.catalogItemIds ?? [],
    offCatalog: (partial.offCatalog ?? []).map((row) => ({ name: row?.name ?? '', departmentId: row?.departmentId ?? '' })),
  };
}

const collapseSpaces = (text: string) => text.replace(/\s+/g, '');

export function enterpriseToRequest(values: NewEnterpriseValues): EnterpriseIn {
  const address = values.address.trim();
  return {
    name: values.name.trim(),
    credit_code: values.creditCode.trim().toUpperCase(),
    contact_name: values.contactName.trim(),
    contact_phone: collapseSpaces(values.contactPhone),
    ...(address ? { address } : {}),
  };
}

/** The new application for `enterpriseId`. */
export function intakeToCaseIn(values: IntakeValues, enterpriseId: string): CaseIn {
  return { ...applicationToRequest(values), contact_phone: collapseSpaces(values.contactPhone), enterprise_id: enterpriseId };
}

/**
 * The changes to a draft. The case shows its contact phone only masked, so a blank phone means
 * "keep it"; the API cannot clear the agreement date, so a blank one is left out too.
 */
export function intakeToPatch(values: ApplicationValues): CasePatch {
  const { contact_phone: phone, agreement_signed_on: signedOn, ...rest } = applicationToRequest(values);
  const compactPhone = collapseSpaces(phone);
  return {
    ...rest,
    ...(compactPhone ? { contact_phone: compactPhone } : {}),
    ...(signedOn ? { agreement_signed_on: signedOn } : {}),
  };
}

/** Integer fen as 万元 for an input: plain digits, no grouping, no trailing zeros (`12000.5`). */
export function fenToWanInput(fen: number): string {
  const whole = Math.trunc(fen / 1_000_000);
  const fraction = (fen % 1_000_000).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** A draft as the form edits it; the phone starts blank (the case shows it masked). */
export function intakeFromCase(c: Case): IntakeValues {
  const items = [...c.items].sort((a, b) => a.position - b.position);
  return {
    ...EMPTY_INTAKE,
    enterpriseId: c.enterprise.id,
    projectName: c.project_name,
    industryCode: c.industry_code,
    investmentWan: fenToWanInput(c.total_investment_fen),
    location: c.location,
    projectCode: c.project_code ?? '',
    agreementSignedOn: c.agreement_signed_on ?? '',
    brief: c.brief,
    contactName: c.contact_name,
    contactPhone: '',
    catalogItemIds: items.flatMap((item) => (item.catalog_item_id ? [item.catalog_item_id] : [])),
    offCatalog: items
      .filter((item) => !item.catalog_item_id)
      .map((item) => ({ name: item.name, departmentId: item.department_id })),
  };
}

/** The form's fields that server messages can land on, as dotted Ant Design name paths. */
export const INTAKE_FIELDS = [
  'enterpriseId',
  'enterprise.name',
  'enterprise.creditCode',
  'enterprise.contactName',
  'enterprise.contactPhone',
  'enterprise.address',
  'projectName',
  'industryCode',
  'investmentWan',
  'location',
  'projectCode',
  'agreementSignedOn',
  'brief',
  'contactName',
  'contactPhone',
  'catalogItemIds',
] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

/** `POST /enterprises` field names → the form's. */
const ENTERPRISE_ALIASES: Readonly<Record<string, IntakeField>> = {
  name: 'enterprise.name',
  credit_code: 'enterprise.creditCode',
  contact_name: 'enterprise.contactName',
  contact_phone: 'enterprise.contactPhone',
  address: 'enterprise.address',
};

/** `POST /cases`, `PATCH /cases/{id}` and submit field names → the form's. */
const CASE_ALIASES: Readonly<Record<string, IntakeField>> = {
  ...(APPLICATION_ALIASES as Readonly<Record<string, IntakeField>>),
  enterprise_id: 'enterpriseId',
  items: 'catalogItemIds',
};

/**
 * Places a failed enterprise registration on the enterprise's fields. A credit code registered
 * already answers 409 with the credit code's own message (`credit_code`, `taken`); an older
 * server's 409 names no field, and `taken` (in the UI's language) stands in for it.
 */
export function enterpriseErrors(error: unknown, fallback: FallbackMessages, taken: string): FormErrors<IntakeField> {
  if (error instanceof ApiError && error.status === 409 && error.code === 'conflict' && !error.problem?.errors?.length) {
    return { fields: { 'enterprise.creditCode': [taken] }, form: [] };
  }
  return mapErrorToForm(error, INTAKE_FIELDS, fallback, ENTERPRISE_ALIASES);
}

/** Places a failed save or submission on the application's fields; item errors go to the items. */
export function applicationErrors(error: unknown, fallback: FallbackMessages): FormErrors<IntakeField> {
  const view = mapErrorToForm(error, INTAKE_FIELDS, fallback, CASE_ALIASES);
  if (error instanceof ApiError) {
    const itemMessages = (error.problem?.errors ?? [])
      .filter((e) => /^items\./.test(normaliseFieldPath(e.field)))
      .map((e) => e.message);
    if (itemMessages.length) {
      view.fields.catalogItemIds = [...(view.fields.catalogItemIds ?? []), ...itemMessages];
      view.form = view.form.filter((m) => !itemMessages.includes(m));
      // Every message now sits next to a field: the summary alone would repeat them.
      const placedAll = (error.problem?.errors ?? []).every((e) => {
        const path = normaliseFieldPath(e.field);
        return /^items\./.test(path) || path in CASE_ALIASES || (INTAKE_FIELDS as readonly string[]).includes(path);
      });
      if (placedAll) view.form = view.form.filter((m) => m !== (error.problem?.detail ?? error.problem?.title));
    }
  }
  return view;
}
