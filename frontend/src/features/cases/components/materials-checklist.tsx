import { Alert, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChecklist } from '@/lib/cases/api/materials';
import { checklistSummary } from '@/lib/cases/materials';
import type { Case } from '@/lib/cases/types';
import { formatDate, formatDateTime } from '@/lib/format/date';
import { MaterialRow } from './material-row';
import './materials.css';

/**
 * The materials checklist (申请材料清单) per plan item: each material's state, the version
 * given (downloadable; 代办 shown as such), a correction's reason, and the caller's actions on
 * it; below each item, the 容缺 materials with their commitments.
 */
export function MaterialsChecklist({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console', 'cases']);
  const checklist = useChecklist(c.id);
  const items = [...(checklist.data?.items ?? [])].sort((a, b) => a.position - b.position);
  const caseItem = (id: string) => c.items.find((i) => i.id === id);
  const supplied = (itemId: string, name: string) =>
    c.tasks
      .filter((task) => task.case_item_id === itemId)
      .flatMap((task) => task.missing_materials)
      .find((m) => m.name === name && m.supplied_at)?.supplied_at;
  const summary = checklist.data ? checklistSummary(checklist.data) : null;
  return (
    <section aria-labelledby="case-materials" className="case-section materials-checklist" aria-busy={checklist.isPending}>
      <Typography.Title level={3} className="subsection-title" id="case-materials">
        {t('console:case.materials.heading')}
      </Typography.Title>
      {checklist.isError && <Alert type="error" showIcon title={t('console:case.materials.loadFailed')} />}
      {summary && summary.total > 0 && (
        <Typography.Paragraph type="secondary">
          {t('cases:materials.summary', { accepted: summary.accepted, total: summary.total })}
        </Typography.Paragraph>
      )}
      {checklist.data && items.length === 0 && <Typography.Text type="secondary">{t('cases:materials.empty')}</Typography.Text>}
      {items.map((item) => {
        const missing = caseItem(item.item_id)?.missing_materials ?? [];
        return (
          <div key={item.item_id} className="materials-item">
            <Typography.Title level={4} className="materials-item__title">
              {item.position}. {item.name}
            </Typography.Title>
            {item.materials.length === 0 ? (
              <Typography.Text type="secondary">{t('cases:materials.noMaterials')}</Typography.Text>
            ) : (
              <ul className="material-list">
                {[...item.materials]
                  .sort((a, b) => a.position - b.position)
                  .map((m) => (
                    <MaterialRow key={m.position} material={m} at={{ caseId: c.id, itemId: item.item_id, position: m.position }} />
                  ))}
              </ul>
            )}
            {missing.length > 0 && (
              <div className="materials-missing">
                <Typography.Text>{t('console:case.materials.missingHeading')}</Typography.Text>
                <ul className="materials">
                  {missing.map((m) => {
                    const at = m.supplied_at ?? supplied(item.item_id, m.name);
                    return (
                      <li key={m.name}>
                        {m.name} · {t('console:case.materials.committedBy', { date: formatDate(m.committed_by) })}{' '}
                        <Tag color={at ? 'success' : 'warning'}>
                          {at ? t('console:case.materials.suppliedAt', { time: formatDateTime(at) }) : t('console:case.materials.outstanding')}
                        </Tag>
                      </li>
                    );
                  })}
                </ul>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
