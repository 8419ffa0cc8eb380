import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FileProblem } from '../api';

/** The problems of a refused file, one row each: where and why. Nothing was stored. */
export function FileProblems({ problems }: { problems: FileProblem[] }) {
  const { t } = useTranslation('holidays');
  if (problems.length === 0) return null;
  return (
    <>
      <Alert type="error" showIcon message={t('problems.title', { count: problems.length })} />
      <Table<FileProblem>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={problems}
        aria-label={t('problems.label')}
        columns={[
          { key: 'field', dataIndex: 'field', title: t('problems.field'), width: 180 },
          { key: 'message', dataIndex: 'message', title: t('problems.message') },
        ]}
      />
    </>
  );
}
