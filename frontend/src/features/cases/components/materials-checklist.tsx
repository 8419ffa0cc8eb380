import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '@/lib/cases/types';
import { formatDate, formatDateTime } from '@/lib/format/date';

/** The one-time material list per item, with what may be missing (容缺) and its commitments. */
export function MaterialsChecklist({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console']);
  const items = [...c.items].sort((a, b) => a.position - b.position);
  const supplied = (itemId: string, name: string) =>
    c.tasks
      .filter((task) => task.case_item_id === itemId)
      .flatMap((task) => task.missing_materials)
      .find((m) => m.name === name && m.supplied_at)?.supplied_at;
  return (
    <section aria-labelledby="case-materials" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="case-materials">
        {t('console:case.materials.heading')}
      </Typography.Title>
      {items.map((item) => (
        <div key={item.id} className="materials-item">
          <Typography.Text strong>
            {item.position}. {item.name}
          </Typography.Text>
          {item.materials.length === 0 ? (
            <div>
              <Typography.Text type="secondary">{t('console:case.materials.none')}</Typography.Text>
            </div>
          ) : (
            <ul className="materials">
              {item.materials.map((material) => (
                <li key={material.name}>
                  {material.name}{' '}
                  <Tag color={material.required ? 'blue' : 'default'}>
                    {material.required ? t('console:items.material.required') : t('console:items.material.optional')}
                  </Tag>
                  {material.may_be_missing && <Tag color="warning">{t('console:items.material.mayBeMissing')}</Tag>}
                </li>
              ))}
            </ul>
          )}
          {item.missing_materials.length > 0 && (
            <div className="materials-missing">
              <Typography.Text>{t('console:case.materials.missingHeading')}</Typography.Text>
              <ul className="materials">
                {item.missing_materials.map((m) => {
                  const at = m.supplied_at ?? supplied(item.id, m.name);
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
      ))}
    </section>
  );
}
