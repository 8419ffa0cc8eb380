import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { TEAM_ROLES } from '@/lib/cases/codes';
import type { Case } from '@/lib/cases/types';

/** The butler team: one responsible leader, one lead agent, co-agents per department. */
export function TeamSection({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console', 'cases']);
  const departmentName = useDepartmentName();
  const members = [...c.team].sort((a, b) => TEAM_ROLES.indexOf(a.team_role) - TEAM_ROLES.indexOf(b.team_role));
  return (
    <section aria-labelledby="case-team" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="case-team">
        {t('console:case.team.heading')}
      </Typography.Title>
      {members.length === 0 ? (
        <Typography.Text type="secondary">{t('console:case.team.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          dataSource={members}
          renderItem={(m) => (
            <List.Item>
              <span>
                <Tag color={m.team_role === 'co_agent' ? 'default' : 'blue'}>{t(`cases:teamRoles.${m.team_role}`)}</Tag>
                {m.display_name}
              </span>
              <Typography.Text type="secondary">{m.department_id ? departmentName(m.department_id) : '—'}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
