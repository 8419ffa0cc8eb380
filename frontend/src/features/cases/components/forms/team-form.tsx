import { Alert, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { NamedSelect } from '@/components/console/named-select';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import type { Role } from '@/lib/auth/roles';
import { useUsers, type User } from '@/lib/users/list-users';
import { departmentsOfCase, teamFormToRequest, type TeamFormValues } from '../../utils/team-form';
import { ActionModal } from '../action-modal';
import type { CaseFormProps } from './case-form-props';

const LEADER_ROLES: readonly Role[] = ['department_leader', 'investment_leader', 'office'];
const LEAD_AGENT_ROLES: readonly Role[] = ['window_agent', 'investment_officer', 'department_agent'];

/** Agents need a year of approval work (SPEC §1); the server checks, the picker says so. */
function qualified(user: User, now = Date.now()): boolean {
  if (user.role !== 'department_agent') return true;
  if (!user.approval_work_since) return false;
  return Date.parse(user.approval_work_since) <= now - 365 * 86_400_000;
}

/**
 * The butler team (一个项目、一名领导、一批人员): a responsible leader, a lead agent, and a
 * co-agent from each department whose items the case asks for. Pickers list only people of
 * the right role (and department).
 */
export function TeamForm({ case: c, open, onClose }: CaseFormProps) {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const [form] = Form.useForm<TeamFormValues>();
  const command = useCaseCommand();
  const users = useUsers({}, open);
  const departmentName = useDepartmentName();
  const all = users.data ?? [];
  const departments = departmentsOfCase(c);

  const option = (u: User) => ({
    value: u.id,
    label: `${u.display_name}（${u.department_id ? departmentName(u.department_id) : t(`common:roles.${u.role}`)}）`,
    disabled: !qualified(u),
  });
  const leaders = all.filter((u) => LEADER_ROLES.includes(u.role));
  const leadAgents = all.filter((u) => LEAD_AGENT_ROLES.includes(u.role) && qualified(u));
  const agentsOf = (department: string) =>
    all.filter((u) => u.role === 'department_agent' && u.department_id === department);

  // Each department starts with its first qualified agent, once the people are known (the
  // modal's form is mounted again then, with these values).
  const initial: TeamFormValues = {
    coAgents: users.isSuccess
      ? Object.fromEntries(departments.map((d) => [d, agentsOf(d).filter((u) => qualified(u)).slice(0, 1).map((u) => u.id)]))
      : {},
  };
  const leaderLabel = t('console:forms.team.leader');
  const leadLabel = t('console:forms.team.leadAgent');

  return (
    <ActionModal<TeamFormValues>
      key={users.isSuccess ? 'ready' : 'loading'}
      name="form_team"
      open={open}
      title={t('cases:actions.form_team')}
      okText={t('console:forms.team.ok')}
      form={form}
      width={680}
      fields={['responsibleLeaderId', 'leadAgentId']}
      aliases={{ responsible_leader_id: 'responsibleLeaderId', lead_agent_id: 'leadAgentId' }}
      initialValues={initial}
      onClose={onClose}
      record={{ caseId: c.id }}
      onSubmit={(values) =>
        command.mutateAsync({ command: 'form_team', id: c.id, version: c.version, body: teamFormToRequest(values) })
      }
    >
      {users.isError && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={users.error.message} />}
      <p>{t('console:forms.team.intro')}</p>
      <Form.Item
        name="responsibleLeaderId"
        label={leaderLabel}
        extra={t('console:forms.team.leaderHelp')}
        rules={[{ required: true, message: t('console:forms.required') }]}
      >
        <NamedSelect<string>
          listLabel={leaderLabel}
          showSearch={{ optionFilterProp: 'label' }}
          loading={users.isPending}
          options={leaders.map(option)}
        />
      </Form.Item>
      <Form.Item
        name="leadAgentId"
        label={leadLabel}
        extra={t('console:forms.team.leadAgentHelp')}
        rules={[{ required: true, message: t('console:forms.required') }]}
      >
        <NamedSelect<string>
          listLabel={leadLabel}
          showSearch={{ optionFilterProp: 'label' }}
          loading={users.isPending}
          options={leadAgents.map(option)}
        />
      </Form.Item>
      {departments.map((department) => {
        const label = t('console:forms.team.coAgents', { department: departmentName(department) });
        return (
          <Form.Item
            key={department}
            name={['coAgents', department]}
            label={label}
            rules={[{ required: true, type: 'array', min: 1, message: t('console:forms.team.coAgentRequired') }]}
          >
            <NamedSelect<string[]>
              mode="multiple"
              listLabel={label}
              loading={users.isPending}
              options={agentsOf(department).map(option)}
            />
          </Form.Item>
        );
      })}
    </ActionModal>
  );
}
