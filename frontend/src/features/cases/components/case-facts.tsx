import { Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RevealableNumber } from '@/components/console/revealable-number';
import type { Case } from '@/lib/cases/types';
import { formatDate, formatDateTime } from '@/lib/format/date';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import { ProjectCodeAction } from './project-code-action';

/** The enterprise and the project as the application (附件2) states them. */
export function CaseFacts({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console', 'cases']);
  const wanYuan = useWanYuan();
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, lg: 2 }}
        title={<Typography.Title level={3} className="subsection-title">{t('console:case.facts.heading')}</Typography.Title>}
        items={[
          { key: 'enterprise', label: t('console:case.facts.enterprise'), children: c.enterprise.name },
          { key: 'credit', label: t('console:case.facts.creditCode'), children: <span className="credit-code">{c.enterprise.credit_code}</span> },
          { key: 'project', label: t('console:case.facts.project'), children: c.project_name },
          { key: 'number', label: t('console:case.facts.number'), children: c.number },
          {
            key: 'projectCode',
            label: t('console:case.facts.projectCode'),
            children: <ProjectCodeAction case={c} />,
          },
          { key: 'investment', label: t('console:case.facts.investment'), children: wanYuan(c.total_investment_fen, { trimZeros: true }) },
          { key: 'industry', label: t('console:case.facts.industry'), children: c.industry_code },
          { key: 'location', label: t('console:case.facts.location'), children: c.location },
          {
            key: 'signed',
            label: t('console:case.facts.agreementSigned'),
            children: c.agreement_signed_on ? formatDate(c.agreement_signed_on) : '—',
          },
          {
            key: 'contact',
            label: t('console:case.facts.contact'),
            children: (
              <Space size={4} wrap>
                <span>{c.contact_name}</span>
                <RevealableNumber masked={c.contact_phone_masked} number="case_contact" recordId={c.id} />
              </Space>
            ),
          },
          { key: 'created', label: t('console:case.facts.created'), children: formatDateTime(c.created_at) },
          { key: 'brief', label: t('console:case.facts.brief'), span: 'filled', children: c.brief },
          ...(c.review_note
            ? [{ key: 'review', label: t('console:case.facts.reviewNote'), span: 'filled' as const, children: c.review_note }]
            : []),
          ...(c.closing_reason
            ? [{ key: 'closing', label: t('console:case.facts.closingReason'), span: 'filled' as const, children: c.closing_reason }]
            : []),
          {
            key: 'evaluation',
            label: t('console:case.facts.evaluation'),
            children: t(`cases:evaluationStatus.${c.evaluation_status}`),
          },
          {
            key: 'confirmed',
            label: t('console:case.facts.confirmed'),
            children: c.enterprise_confirmed_at ? formatDateTime(c.enterprise_confirmed_at) : '—',
          },
        ]}
      />
    </>
  );
}
