/** Cases, items and task sheets as the API answers them, for tests. */
import type { Checklist, ChecklistMaterial, MaterialVersion } from '@/lib/cases/api/materials';
import type { Case, CaseItem, Task } from '@/lib/cases/types';

export const IDS = {
  case: '01a216a2-0000-7000-8000-000000000001',
  enterprise: '01a216a2-0000-7000-8000-0000000000e1',
  water: '01a216a2-0000-7000-8000-0000000000d1',
  ecology: '01a216a2-0000-7000-8000-0000000000d2',
  agentWater: '01a216a2-0000-7000-8000-0000000000a1',
  agentEcology: '01a216a2-0000-7000-8000-0000000000a2',
  window: '01a216a2-0000-7000-8000-0000000000a3',
  leader: '01a216a2-0000-7000-8000-0000000000a4',
};

export function makeItem(overrides: Partial<CaseItem> = {}): CaseItem {
  return {
    id: 'item-1',
    position: 1,
    name: '取水许可',
    department_id: IDS.water,
    catalog_item_id: 'cat-1',
    catalog_version: 1,
    stage: 'engineering_permit',
    legal_limit: { unit: 'working_days', value: 20, text: '20个工作日' },
    promised_limit: { unit: 'working_days', value: 1, text: '1个工作日' },
    allows_commitment: false,
    max_extension_days: 5,
    agent_id: null,
    prerequisites: [],
    materials: [{ name: '取水许可申请书', required: true, may_be_missing: false }],
    missing_materials: [],
    planned: false,
    forecast_start: null,
    forecast_end: null,
    ...overrides,
  };
}

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-1',
    case_id: IDS.case,
    case_number: 'EXAMPLE-2026-0101',
    project_name: '测试项目',
    case_item_id: 'item-1',
    item_name: '取水许可',
    kind: 'approval',
    department_id: IDS.water,
    assignee_id: null,
    assignee_name: null,
    state: 'dispatched',
    version: 1,
    dispatched_at: '2026-11-23T01:00:00Z',
    acknowledge_by: '2026-11-23T01:30:00Z',
    acknowledged_at: null,
    finish_by: '2026-11-24T01:00:00Z',
    overdue: false,
    pauses: [],
    paused_office_minutes: 0,
    extension_working_days: null,
    missing_materials: [],
    outcome: null,
    document_number: null,
    outcome_reason: null,
    approved_on_commitment: false,
    closed_at: null,
    result_notice_channel: null,
    result_noticed_at: null,
    allowed_actions: [],
    critical: false,
    holds_up_working_days: 0,
    ...overrides,
  };
}

export function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    id: IDS.case,
    number: 'EXAMPLE-2026-0101',
    state: 'draft',
    version: 1,
    enterprise: { id: IDS.enterprise, name: '云南示例绿色能源有限公司', credit_code: '91532326MA6K00001U' },
    project_name: '测试项目',
    industry_code: 'C3061',
    total_investment_fen: 28_000_000_000,
    location: '示例县金碧镇',
    agreement_signed_on: '2026-10-13',
    brief: '新建厂房。',
    contact_name: '周晓明',
    contact_phone_masked: '138****0041',
    reviewer_id: null,
    review_note: null,
    accepter_id: null,
    team: [],
    items: [makeItem()],
    tasks: [],
    allowed_actions: [],
    aftercare_actions: [],
    evaluation_status: 'pending',
    critical_path: { sheets: [] },
    created_at: '2026-11-20T01:00:00Z',
    updated_at: '2026-11-20T01:00:00Z',
    ...overrides,
  };
}

export function makeVersion(overrides: Partial<MaterialVersion> = {}): MaterialVersion {
  const version = overrides.version ?? 1;
  return {
    material_id: 'material-1',
    material_name: '取水许可申请书',
    version,
    file: {
      id: `file-${version}`,
      file_name: `申请书-v${version}.pdf`,
      file_type: 'pdf',
      media_type: 'application/pdf',
      size_bytes: 20_480,
      sha256: 'a'.repeat(64),
      uploaded_by: IDS.enterprise,
      created_at: '2026-11-24T02:00:00Z',
      download_url: `/api/v1/files/file-${version}`,
    },
    uploaded_by: IDS.enterprise,
    on_behalf: false,
    valid_until: null,
    created_at: '2026-11-24T02:00:00Z',
    ...overrides,
  };
}

export function makeChecklistMaterial(overrides: Partial<ChecklistMaterial> = {}): ChecklistMaterial {
  return {
    position: 1,
    name: '取水许可申请书',
    required: true,
    may_be_missing: false,
    accepted_types: ['pdf', 'jpeg', 'png'],
    state: 'missing',
    current: null,
    reason: null,
    decided_by: null,
    decided_at: null,
    candidates: [],
    allowed_actions: [],
    ...overrides,
  };
}

/** A checklist of one item (`item-1`, 取水许可) with `materials`. */
export function makeChecklist(materials: ChecklistMaterial[]): Checklist {
  return {
    case_id: IDS.case,
    items: [{ item_id: 'item-1', position: 1, name: '取水许可', department_id: IDS.water, materials }],
  };
}
