import { EditOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * "Edit application" on a draft's page: a real link (it opens in a new tab too) that moves
 * within the app without reloading it.
 */
export function EditApplicationLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation('intake');
  const navigate = useNavigate();
  const to = `/console/cases/${caseId}/edit`;
  return (
    <Button
      href={to}
      icon={<EditOutlined aria-hidden />}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void navigate(to);
      }}
    >
      {t('edit.link')}
    </Button>
  );
}
