/**
 * The application form (申请受理表, 附件2) as typed by the enterprise on a phone or by an
 * official at the console, and its mapping to `CaseIn`: the investment in 万元 becomes integer
 * fen, catalog items are chosen by id, items not in the catalog carry a name and a department.
 */
import type { CaseIn } from '@/lib/cases/types';
import { parseWanToFen } from '@/lib/format/money';

export interface OffCatalogRow {
  name: string;
  departmentId: string;
}

export interface ApplicationValues {
  projectName: string;
  industryCode: string;
  /** 万元, as typed. */
  investmentWan: string;
  location: string;
  /** The national project code (一项一码), with or without hyphens, or empty. */
  projectCode: string;
  /** `YYYY-MM-DD` or empty. */
  agreementSignedOn: string;
  brief: string;
  contactName: string;
  contactPhone: string;
  catalogItemIds: string[];
  offCatalog: OffCatalogRow[];
}

export const APPLICATION_FIELDS = [
  'projectName',
  'industryCode',
  'investmentWan',
  'location',
  'projectCode',
  'agreementSignedOn',
  'brief',
  'contactName',
  'contactPhone',
  'items',
] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

/** Server field names → the form's. */
export const APPLICATION_ALIASES: Readonly<Record<string, ApplicationField>> = {
  project_name: 'projectName',
  industry_code: 'industryCode',
  total_investment_fen: 'investmentWan',
  location: 'location',
  project_code: 'projectCode',
  agreement_signed_on: 'agreementSignedOn',
  brief: 'brief',
  contact_name: 'contactName',
  contact_phone: 'contactPhone',
};

/**
 * An industry code of GB/T 4754-2017 as the server accepts it: a section letter A–T, alone or
 * followed by 2–4 digits (`C`, `C26`, `C266`, `C2662`). Lower case is accepted (it is sent upper-cased).
 */
export function isIndustryCode(text: string): boolean {
  return /^[A-T](\d{2,4})?$/.test(text.trim().toUpperCase());
}

export type ApplicationProblems = Partial<Record<ApplicationField, 'required' | 'invalid'>>;

/** The checks a phone can make before sending (the server checks everything again). */
export function checkApplication(values: ApplicationValues): ApplicationProblems {
  const problems: ApplicationProblems = {};
  for (const field of ['projectName', 'industryCode', 'investmentWan', 'location', 'brief', 'contactName', 'contactPhone'] as const) {
    if (!values[field].trim()) problems[field] = 'required';
  }
  if (values.investmentWan.trim() && parseWanToFen(values.investmentWan) === null) problems.investmentWan = 'invalid';
  const offCatalog = values.offCatalog.filter((row) => row.name.trim());
  if (values.catalogItemIds.length === 0 && offCatalog.length === 0) problems.items = 'required';
  if (offCatalog.some((row) => !row.departmentId)) problems.items = 'invalid';
  return problems;
}

export function applicationToRequest(values: ApplicationValues): CaseIn {
  return {
    project_name: values.projectName.trim(),
    industry_code: values.industryCode.trim().toUpperCase(),
    total_investment_fen: parseWanToFen(values.investmentWan) ?? 0,
    location: values.location.trim(),
    ...(values.projectCode.trim() ? { project_code: values.projectCode.trim() } : {}),
    ...(values.agreementSignedOn ? { agreement_signed_on: values.agreementSignedOn } : {}),
    brief: values.brief.trim(),
    contact_name: values.contactName.trim(),
    contact_phone: values.contactPhone.trim(),
    items: [
      ...values.catalogItemIds.map((id) => ({ catalog_item_id: id })),
      ...values.offCatalog
        .filter((row) => row.name.trim())
        .map((row) => ({ name: row.name.trim(), department_id: row.departmentId })),
    ],
  };
}
