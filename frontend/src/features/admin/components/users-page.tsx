import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CursorTable } from '@/components/console/cursor-table';
import { LabelledSelect } from '@/components/console/labelled-select';
import { RevealableNumber } from '@/components/console/revealable-number';
import { mapErrorToForm } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/me';
import { COUNTY_ROLES, type Role } from '@/lib/auth/roles';
import { useAllDepartments, useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDateTime } from '@/lib/format/date';
import { useNow } from '@/lib/use-now';
import { useUpdateUser, useUserPages, type UserFilters } from '../api/users';
import { accountStatus, approvalYears, hasApprovalYear, isLocked, roleNeeds, type User, type UserPatch } from '../utils/user-form';
import { AdminOnly } from '@/components/console/admin-only';
import { UserCreateModal } from './user-create-modal';
import { UserEditModal } from './user-edit-modal';
import { UserPasswordModal } from './user-password-modal';
import './admin.css';

const ALL = 'all';
const isRole = (value: string | null): value is Role => (COUNTY_ROLES as readonly (string | null)[]).includes(value);

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

/** 用户管理: the county's accounts, filtered by role and department, and what an administrator does to them. */
export function UsersPage() {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <>
      <title>{`${t('admin:users.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('admin:users.title')}
      </Typography.Title>
      <AdminOnly>
        <UsersScreen />
      </AdminOnly>
    </>
  );
}

function UsersScreen() {
  const { t } = useTranslation(['admin', 'common']);
  const { modal, message } = AntApp.useApp();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const roleParam = params.get('role');
  const role = isRole(roleParam) ? roleParam : undefined;
  const departmentId = params.get('department') ?? undefined;
  const filters: UserFilters = { ...(role ? { role } : {}), ...(departmentId ? { department_id: departmentId } : {}) };
  const query = useUserPages(filters);
  const departments = useAllDepartments();
  const departmentName = useDepartmentName();
  const update = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const now = useNow();

  const setFilter = (name: 'role' | 'department', value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === ALL) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  };

  /** Sends a change of the row's account; the server's messages if it refuses. */
  const change = async (user: User, patch: UserPatch, done: string) => {
    try {
      await update.mutateAsync({ id: user.id, patch });
      void message.success(done);
    } catch (error) {
      const view = mapErrorToForm(error, [], { network: t('common:errors.network'), server: t('common:errors.server') });
      modal.error({
        title: t('admin:users.actionFailed'),
        content: view.form.length > 1 ? <ul>{view.form.map((text) => <li key={text}>{text}</li>)}</ul> : view.form[0],
        okText: t('admin:form.close'),
      });
    }
  };

  const close = (user: User) =>
    modal.confirm({
      title: t('admin:users.close.title', { name: user.display_name }),
      content: t('admin:users.close.content'),
      okText: t('admin:users.close.ok'),
      okButtonProps: { danger: true },
      cancelText: t('admin:form.cancel'),
      onOk: () => change(user, { active: false }, t('admin:users.close.done', { name: user.display_name })),
    });

  const reopen = (user: User) =>
    modal.confirm({
      title: t('admin:users.reopen.title', { name: user.display_name }),
      content: t('admin:users.reopen.content'),
      okText: t('admin:users.reopen.ok'),
      cancelText: t('admin:form.cancel'),
      onOk: () => change(user, { active: true }, t('admin:users.reopen.done', { name: user.display_name })),
    });

  const columns: ColumnsType<User> = [
    {
      key: 'account',
      title: t('admin:users.columns.account'),
      width: 160,
      render: (_, u) => (
        <>
          <div>{u.display_name}</div>
          <Typography.Text type="secondary" className="user-name">
            {u.username}
          </Typography.Text>
        </>
      ),
    },
    { key: 'role', title: t('admin:users.columns.role'), width: 140, render: (_, u) => t(`common:roles.${u.role}`) },
    {
      key: 'department',
      title: t('admin:users.columns.department'),
      width: 110,
      render: (_, u) => (u.department_id ? departmentName(u.department_id) : '—'),
    },
    {
      key: 'phone',
      title: t('admin:users.columns.phone'),
      width: 150,
      render: (_, u) =>
        u.phone_masked ? <RevealableNumber masked={u.phone_masked} number="user_phone" recordId={u.id} /> : '—',
    },
    {
      key: 'approval',
      title: t('admin:users.columns.approvalWork'),
      width: 130,
      render: (_, u) => <ApprovalWork user={u} now={now} />,
    },
    {
      key: 'status',
      title: t('admin:users.columns.status'),
      width: 120,
      render: (_, u) => <StatusTag user={u} now={now} />,
    },
    {
      key: 'last_login_at',
      title: t('admin:users.columns.lastLogin'),
      width: 110,
      render: (_, u) => (u.last_login_at ? formatDateTime(u.last_login_at) : t('admin:users.neverSignedIn')),
    },
    {
      key: 'actions',
      title: t('admin:users.columns.actions'),
      width: 180,
      // Always in view, even when a narrow screen scrolls the table sideways.
      fixed: 'right',
      render: (_, u) => {
        const self = u.id === me.data?.id;
        const named = (action: string) => `${action}：${u.display_name}`;
        return (
          <Space size={[4, 0]} wrap>
            <Button type="link" size="small" aria-label={named(t('admin:users.actions.edit'))} onClick={() => setDialog({ kind: 'edit', user: u })}>
              {t('admin:users.actions.edit')}
            </Button>
            <Button type="link" size="small" aria-label={named(t('admin:users.actions.password'))} onClick={() => setDialog({ kind: 'password', user: u })}>
              {t('admin:users.actions.password')}
            </Button>
            {isLocked(u, now) && (
              <Button
                type="link"
                size="small"
                aria-label={named(t('admin:users.actions.unlock'))}
                onClick={() => void change(u, { unlock: true }, t('admin:users.unlockDone', { name: u.display_name }))}
              >
                {t('admin:users.actions.unlock')}
              </Button>
            )}
            {/* An administrator cannot close their own account (the server refuses it too). */}
            {u.active && !self && (
              <Button type="link" size="small" danger aria-label={named(t('admin:users.actions.close'))} onClick={() => close(u)}>
                {t('admin:users.actions.close')}
              </Button>
            )}
            {!u.active && (
              <Button type="link" size="small" aria-label={named(t('admin:users.actions.reopen'))} onClick={() => reopen(u)}>
                {t('admin:users.actions.reopen')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin:users.intro')}</Typography.Paragraph>
      <div className="admin-toolbar">
        <Space wrap className="filter-bar">
          <LabelledSelect<string>
            label={t('admin:users.filters.role')}
            value={role ?? ALL}
            onChange={(value) => setFilter('role', value)}
            style={{ minWidth: 200 }}
            options={[
              { value: ALL, label: t('admin:users.filters.allRoles') },
              ...COUNTY_ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) })),
            ]}
          />
          <LabelledSelect<string>
            label={t('admin:users.filters.department')}
            value={departmentId ?? ALL}
            onChange={(value) => setFilter('department', value)}
            style={{ minWidth: 200 }}
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            options={[
              { value: ALL, label: t('admin:users.filters.allDepartments') },
              ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.short_name })),
            ]}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
          {t('admin:users.create.button')}
        </Button>
      </div>
      <CursorTable<User> query={query} columns={columns} scroll={{ x: 1065 }} aria-label={t('admin:users.tableLabel')} />
      <UserCreateModal open={dialog?.kind === 'create'} onClose={() => setDialog(null)} />
      {dialog?.kind === 'edit' && <UserEditModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <UserPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}

/** Approval experience: since when and how many whole years; a department agent short of a year is flagged. */
function ApprovalWork({ user, now }: { user: User; now: number }) {
  const { t } = useTranslation('admin');
  if (!roleNeeds(user.role).approvalWork) return <>—</>;
  const since = user.approval_work_since;
  const short = roleNeeds(user.role).approvalYearRequired && !hasApprovalYear(since, now);
  return (
    <Space size={4} wrap>
      <span>{since ? t('users.approvalSince', { date: since, count: approvalYears(since, now) }) : '—'}</span>
      {short && <Tag color="warning">{t('users.approvalShortTag')}</Tag>}
    </Space>
  );
}

function StatusTag({ user, now }: { user: User; now: number }) {
  const { t } = useTranslation(['admin', 'password']);
  const status = accountStatus(user, now);
  if (status === 'closed') return <Tag>{t('admin:users.status.closed')}</Tag>;
  // An initial password (given here) not yet replaced by its holder.
  const initial = user.must_change_password && <Tag color="processing">{t('password:initialTag')}</Tag>;
  if (status === 'locked' && user.locked_until) {
    return (
      <Space size={4} wrap>
        <Tag color="warning">{t('admin:users.status.locked', { until: formatDateTime(user.locked_until) })}</Tag>
        {initial}
      </Space>
    );
  }
  return (
    <Space size={4} wrap>
      <Tag color="success">{t('admin:users.status.active')}</Tag>
      {initial}
    </Space>
  );
}
