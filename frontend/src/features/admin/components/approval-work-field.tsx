import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@/lib/auth/roles';
import { useNow } from '@/lib/use-now';
import { hasApprovalYear, roleNeeds, todayInShanghai } from '../utils/user-form';

/**
 * Since when the person has done approval work. Department agents need a year of it before a
 * butler team may count on them (SPEC §1); the hint says so, and warns while it is short.
 */
export function ApprovalWorkField({ role }: { role: Role | undefined }) {
  const { t } = useTranslation('admin');
  const since = Form.useWatch<string | undefined>('approval_work_since');
  const now = useNow();
  const needsYear = roleNeeds(role).approvalYearRequired;
  const short = needsYear && !hasApprovalYear(since, now);
  return (
    <Form.Item
      name="approval_work_since"
      label={t('users.fields.approvalWorkSince')}
      extra={
        <>
          <span>{t('users.approvalHint')}</span>
          {short && (
            <Typography.Text type="warning" className="approval-warning">
              {since ? t('users.approvalShort') : t('users.approvalMissing')}
            </Typography.Text>
          )}
        </>
      }
    >
      {/* A plain date field: the API's `YYYY-MM-DD`, typed or picked, labelled, keyboard-friendly. */}
      <Input type="date" max={todayInShanghai(now)} />
    </Form.Item>
  );
}
