import { FileExcelOutlined } from '@ant-design/icons';
import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveAnswer, type FileAnswer } from '@/lib/api/download';

/**
 * "导出 Excel": asks the server for a workbook of what the page lists (the same filters) and
 * saves it under the name the server gives it.
 */
export function ExportButton({ fetchFile, fallbackName }: { fetchFile: () => Promise<FileAnswer>; fallbackName: string }) {
  const { t } = useTranslation('console');
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await saveAnswer(await fetchFile(), fallbackName);
    } catch {
      void message.error(t('export.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined aria-hidden />} loading={busy} onClick={() => void run()}>
      {t('export.excel')}
    </Button>
  );
}
