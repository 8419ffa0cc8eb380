import { describe, expect, it } from 'vitest';
import { IDS, makeCase, makeItem, makeTask } from '@/testing/fixtures';
import { departmentsToEvaluate, evaluationToRequest, missingLevels } from './evaluation-form';

const c = makeCase({
  items: [
    makeItem({ id: 'a', position: 2, department_id: IDS.ecology }),
    makeItem({ id: 'b', position: 1, department_id: IDS.water }),
    makeItem({ id: 'c', position: 3, department_id: 'never-dispatched' }),
  ],
  tasks: [makeTask({ department_id: IDS.ecology }), makeTask({ id: 't2', department_id: IDS.water })],
});

describe('evaluation form → EvaluationIn', () => {
  it('asks about each department that handled an item', () => {
    expect(departmentsToEvaluate(c)).toEqual([IDS.water, IDS.ecology]);
  });

  it('needs every level, and sends comments only when written', () => {
    const departments = departmentsToEvaluate(c);
    const values = {
      level: 'satisfied' as const,
      comment: '  ',
      departments: {
        [IDS.water]: { level: 'very_satisfied' as const, comment: '响应快' },
        [IDS.ecology]: { level: null, comment: '' },
      },
    };
    expect(missingLevels(values, departments)).toEqual([IDS.ecology]);
    expect(missingLevels({ ...values, level: null }, departments)).toEqual(['case', IDS.ecology]);
    const complete = { ...values, departments: { ...values.departments, [IDS.ecology]: { level: 'dissatisfied' as const, comment: ' 补正要求不清楚 ' } } };
    expect(evaluationToRequest(complete, departments)).toEqual({
      level: 'satisfied',
      departments: [
        { department_id: IDS.water, level: 'very_satisfied', comment: '响应快' },
        { department_id: IDS.ecology, level: 'dissatisfied', comment: '补正要求不清楚' },
      ],
    });
  });
});
