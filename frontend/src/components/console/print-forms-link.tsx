import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * "打印表单": opens the case's printable forms (附件2–9). A link, so it also opens in a new tab;
 * the print strings load without suspending the page around it.
 */
export function PrintFormsLink({ caseId }: { caseId: string }) {
  const { t, ready } = useTranslation('print', { useSuspense: false });
  const navigate = useNavigate();
  const to = `/console/cases/${caseId}/print`;
  if (!ready) return null;
  return (
    <Button
      href={to}
      icon={<PrinterOutlined aria-hidden />}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void navigate(to);
      }}
    >
      {t('open')}
    </Button>
  );
}
