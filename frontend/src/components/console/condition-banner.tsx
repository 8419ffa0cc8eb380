import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schema } from '@/lib/api/types';
import { enterpriseKeys } from '@/lib/query-keys';

type Condition = Schema<'ConditionOut'>;

/**
 * The conditions in force (notice / hold / lock) on a case or an enterprise, as a banner above
 * its page: a lock or a hold as an error, a notice as a warning, each with its source, document
 * number, reason and period. Officials only: the server sends no conditions to the
 * enterprise's own users, and nothing shows without any.
 */
export function ConditionBanner({ conditions }: { conditions?: readonly Condition[] | null }) {
  const inForce = (conditions ?? []).filter((c) => c.in_force);
  if (inForce.length === 0) return null;
  // Its strings load on their own, without holding up the page around it.
  return (
    <Suspense fallback={null}>
      <ConditionAlert inForce={inForce} />
    </Suspense>
  );
}

function ConditionAlert({ inForce }: { inForce: readonly Condition[] }) {
  const { t } = useTranslation('conditions');
  const strongest = inForce[0]?.severity ?? 'notice';
  return (
    <Alert
      className="condition-banner"
      type={strongest === 'notice' ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      message={t(`banner.${strongest}`)}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {inForce.map((c) => (
            <li key={c.id}>
              {t('banner.line', {
                severity: t(`severities.${c.severity}`),
                source: t(`sources.${c.source}`),
                reference: c.source_ref ?? '—',
                reason: c.reason,
                from: c.valid_from,
                until: c.valid_until ?? t('untilLifted'),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The banner of an enterprise's conditions, read with the enterprise (officials only). */
export function EnterpriseConditionBanner({ enterpriseId }: { enterpriseId: string }) {
  const query = useQuery({
    queryKey: enterpriseKeys.conditions(enterpriseId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: enterpriseId } }, signal })),
    retry: false,
  });
  return <ConditionBanner conditions={query.data?.conditions} />;
}
