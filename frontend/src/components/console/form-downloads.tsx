import { DownOutlined, FileWordOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@/lib/api/client';
import { saveAnswer } from '@/lib/api/download';
import type { components } from '@/lib/api/schema';

type FormKind = components['schemas']['FormKind'];

/** The forms in the county's order, each with its annex number and its name's key. */
const FORMS: readonly { kind: FormKind; annex: number; name: string }[] = [
  { kind: 'application', annex: 2, name: 'application' },
  { kind: 'agreement', annex: 3, name: 'agreement' },
  { kind: 'plan', annex: 4, name: 'plan' },
  { kind: 'task_sheet', annex: 5, name: 'sheets' },
  { kind: 'completion', annex: 7, name: 'completion' },
  { kind: 'termination', annex: 8, name: 'termination' },
  { kind: 'evaluation', annex: 9, name: 'evaluation' },
];

const PLAN_WORKBOOK = 'plan.xlsx';

/**
 * "下载表单": the case's forms (附件2–9) as Word files laid out like the county's templates, and
 * the service plan as a workbook. A form the case has not come to yet downloads with blank
 * lines to fill in by hand; the task sheets (one per page) once there are sheets.
 */
export function FormDownloads({ caseId, hasSheets, hasPlan }: { caseId: string; hasSheets: boolean; hasPlan: boolean }) {
  const { t, ready } = useTranslation('print', { useSuspense: false });
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  if (!ready) return null;

  const download = async (key: string) => {
    setBusy(true);
    try {
      if (key === PLAN_WORKBOOK) {
        const answer = await api.GET('/api/v1/cases/{case_id}/plan.xlsx', {
          params: { path: { case_id: caseId } },
          parseAs: 'blob',
        });
        await saveAnswer(answer, 'plan.xlsx');
      } else {
        const kind = key as FormKind;
        const answer = await api.GET('/api/v1/cases/{case_id}/forms/{kind}', {
          params: { path: { case_id: caseId, kind } },
          parseAs: 'blob',
        });
        await saveAnswer(answer, `${kind}.docx`);
      }
    } catch {
      void message.error(t('download.failed'));
    } finally {
      setBusy(false);
    }
  };

  const items: MenuProps['items'] = [
    ...FORMS.map(({ kind, annex, name }) => ({
      key: kind,
      label: t('download.form', { annex, name: t(`formNames.${name}` as never) }),
      disabled: kind === 'task_sheet' && !hasSheets,
    })),
    { type: 'divider' as const },
    { key: PLAN_WORKBOOK, label: t('download.planWorkbook'), disabled: !hasPlan },
  ];
  return (
    <Dropdown menu={{ items, onClick: ({ key }) => void download(key) }} trigger={['click']}>
      <Button icon={<FileWordOutlined aria-hidden />} loading={busy}>
        {t('download.open')} <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
