import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '@/lib/i18n/i18n';
import { plainTranslate } from '@/lib/i18n/plain-translate';
import { makeCase, makeItem, makeTask } from '@/testing/fixtures';
import { caseProgress, itemStatus, progressWords } from './progress';

const items = [1, 2, 3, 4, 5, 6].map((n) => makeItem({ id: `item-${n}`, position: n, planned: true }));
const inService = makeCase({
  state: 'in_service',
  items,
  tasks: [
    makeTask({ id: 't1', case_item_id: 'item-1', state: 'dispatched' }),
    makeTask({ id: 't2', case_item_id: 'item-2', state: 'acknowledged' }),
    makeTask({ id: 't3', case_item_id: 'item-3', state: 'paused' }),
    makeTask({ id: 't4', case_item_id: 'item-4', state: 'finished', outcome: 'approved' }),
    // A sent-back sheet re-dispatched: only the newest sheet of the item counts.
    makeTask({ id: 't5a', case_item_id: 'item-5', state: 'sent_back', dispatched_at: '2026-11-23T01:00:00Z' }),
    makeTask({ id: 't5b', case_item_id: 'item-5', state: 'finished', dispatched_at: '2026-11-24T01:00:00Z' }),
    // The 告知承诺 check of item 4 is not another item.
    makeTask({ id: 't6', case_item_id: 'item-4', kind: 'verification', state: 'dispatched' }),
  ],
});

describe('case progress', () => {
  beforeAll(async () => {
    await initI18n('zh-CN');
    await i18n.loadNamespaces('cases');
  });
  const t = plainTranslate(i18n.t);

  it('counts the newest approval sheet of each planned item', () => {
    expect(caseProgress(inService)).toEqual({
      handling: 3,
      waitingForCorrections: 1,
      finished: 2,
      notStarted: 1,
      total: 6,
    });
  });

  it('says it in plain words', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(progressWords(t, inService)).toBe(
      '部门正在办理 3 项，已办结 2 项，待您补正 1 项，待前置事项办结后办理 1 项',
    );
    const simple = makeCase({
      state: 'in_service',
      items: items.slice(0, 4),
      tasks: [1, 2, 3].map((n) => makeTask({ id: `t${n}`, case_item_id: `item-${n}`, state: 'acknowledged' }))
        .concat(makeTask({ id: 't4', case_item_id: 'item-4', state: 'finished' })),
    });
    expect(progressWords(t, simple)).toBe('部门正在办理 3 项，已办结 1 项');
  });

  it('words the other states, asking for what the enterprise owes', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(progressWords(t, makeCase({ state: 'plan_proposed' }))).toBe('服务方案已拟定，请您确认');
    expect(progressWords(t, makeCase({ state: 'completed' }))).toBe('全部事项已办结，请确认办结单');
    expect(progressWords(t, makeCase({ state: 'completed', enterprise_confirmed_at: '2026-11-25T01:00:00Z' }))).toBe(
      '请对本次服务进行评价',
    );
    expect(
      progressWords(t, makeCase({ state: 'terminated', enterprise_confirmed_at: '2026-11-25T01:00:00Z', evaluation_status: 'declined' })),
    ).toBe('服务已终止');
  });

  it('has English plurals', async () => {
    await i18n.changeLanguage('en');
    await i18n.loadNamespaces('cases');
    const one = makeCase({
      state: 'in_service',
      items: items.slice(0, 2),
      tasks: [
        makeTask({ id: 't1', case_item_id: 'item-1', state: 'acknowledged' }),
        makeTask({ id: 't2', case_item_id: 'item-2', state: 'finished' }),
      ],
    });
    expect(progressWords(t, one)).toBe('Departments are handling 1 item, 1 finished');
    await i18n.changeLanguage('zh-CN');
  });
});

describe('item status', () => {
  it('reads the newest approval sheet of the item', () => {
    expect(itemStatus(inService, 'item-1').kind).toBe('dispatched');
    expect(itemStatus(inService, 'item-2').kind).toBe('handling');
    expect(itemStatus(inService, 'item-3').kind).toBe('corrections');
    expect(itemStatus(inService, 'item-5')).toMatchObject({ kind: 'finished', task: { id: 't5b' } });
    expect(itemStatus(inService, 'item-6').kind).toBe('after_prerequisites');
    expect(itemStatus(makeCase({ state: 'plan_agreed' }), 'item-1').kind).toBe('waiting');
  });
});
