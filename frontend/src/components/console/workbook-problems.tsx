import { Alert, Table } from 'antd';
import { ApiError } from '@/lib/api/problem';

/** One problem of an imported workbook: the server names it `sheet/row/column` (`事项/5/法定时限`). */
export interface WorkbookProblem {
  key: number;
  sheet: string;
  row: string;
  column: string;
  message: string;
}

/** The problems of a refused workbook, from the API's error (none for any other failure). */
export function problemsOf(error: unknown): WorkbookProblem[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem?.errors ?? []).map((e, key) => {
    const [sheet = '', row = '', column = ''] = e.field.split('/');
    return { key, sheet, row, column, message: e.message };
  });
}

/** The headings of the problems table, in the caller's words. */
export interface WorkbookProblemLabels {
  /** The line above the table ("工作簿有 3 处错误，未导入："). */
  summary: string;
  sheet: string;
  row: string;
  column: string;
  message: string;
}

/**
 * Every problem of a refused workbook as a table of sheet, row, column and message, under a
 * one-line summary. Shared by the catalog workbook, the credit list and the onboarding imports.
 */
export function WorkbookProblems({ problems, labels }: { problems: WorkbookProblem[]; labels: WorkbookProblemLabels }) {
  if (problems.length === 0) return null;
  return (
    <>
      <Alert type="error" showIcon message={labels.summary} />
      <Table<WorkbookProblem>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={problems}
        columns={[
          { key: 'sheet', dataIndex: 'sheet', title: labels.sheet, width: 90 },
          { key: 'row', dataIndex: 'row', title: labels.row, width: 60 },
          { key: 'column', dataIndex: 'column', title: labels.column, width: 140 },
          { key: 'message', dataIndex: 'message', title: labels.message },
        ]}
      />
    </>
  );
}
