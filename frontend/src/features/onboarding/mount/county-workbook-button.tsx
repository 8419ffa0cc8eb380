import { useTranslation } from 'react-i18next';
import { ExportButton } from '@/components/console/export-button';
import { fetchCountyWorkbook } from '../api/onboarding';

/** On a county's platform page: export the county in the onboarding workbook (no passwords). */
export function CountyWorkbookButton({ code }: { code: string }) {
  const { t } = useTranslation('onboarding');
  return (
    <span title={t('exportCounty')}>
      <ExportButton fetchFile={() => fetchCountyWorkbook(code)} fallbackName={`县开通工作簿-${code}.xlsx`} />
    </span>
  );
}
