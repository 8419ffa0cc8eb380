import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LabelledSelect } from '@/components/console/labelled-select';
import { mapErrorToForm } from '@/lib/api/problem';
import { formatDate } from '@/lib/format/date';
import { useNow } from '@/lib/use-now';
import { useCalendarYear, useDeleteCalendarDay } from '../api/calendar-days';
import { baseDay, localChanges, officeHoursText, yearOf, type CalendarDay } from '../utils/calendar';
import { AdminOnly } from '@/components/console/admin-only';
import { CalendarDayModal } from './calendar-day-modal';
import { TargetSetting } from './target-setting';
import './admin.css';
import { LoadFailed } from '@/components/console/load-failed';
import { LocalDaysImport } from '@/features/national-calendar/mount/local-days-import';
import { MissingYearBanner } from '@/features/national-calendar/mount/missing-year-banner';

/** 工作日历: the national schedule is the platform's; the county's own days off and working days are kept here. */
export function CalendarPage() {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <>
      <title>{`${t('admin:calendar.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('admin:calendar.title')}
      </Typography.Title>
      <AdminOnly>
        <CalendarScreen />
      </AdminOnly>
    </>
  );
}

/** `周五` / `Fri`: the date's day of the week in the UI's language. */
function weekdayName(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function CalendarScreen() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const { modal, message } = AntApp.useApp();
  const thisYear = yearOf(formatDate(useNow()));
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const query = useCalendarYear(year);
  const remove = useDeleteCalendarDay();
  const [adding, setAdding] = useState(false);
  const changes = localChanges(query.data?.days ?? []);
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort();

  const showYear = (next: number) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === thisYear) updated.delete('year');
        else updated.set('year', String(next));
        return updated;
      },
      { replace: true },
    );

  const confirmDelete = (day: CalendarDay) =>
    modal.confirm({
      title: t('admin:calendar.delete.title', { date: day.date, name: day.name ?? '' }),
      content: t('admin:calendar.delete.content'),
      okText: t('admin:calendar.delete.ok'),
      okButtonProps: { danger: true },
      cancelText: t('admin:form.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(day.date);
          void message.success(t('admin:calendar.delete.done', { date: day.date }));
        } catch (error) {
          const view = mapErrorToForm(error, [], { network: t('common:errors.network'), server: t('common:errors.server') });
          modal.error({ title: t('admin:calendar.delete.failed'), content: view.form.join(' '), okText: t('admin:form.close') });
        }
      },
    });

  const columns: ColumnsType<CalendarDay> = [
    { key: 'date', dataIndex: 'date', title: t('admin:calendar.columns.date'), width: 130 },
    {
      key: 'weekday',
      title: t('admin:calendar.columns.weekday'),
      width: 90,
      render: (_, day) => weekdayName(day.date, i18n.language),
    },
    {
      key: 'kind',
      title: t('admin:calendar.columns.kind'),
      width: 100,
      render: (_, day) =>
        day.working ? (
          <Tag color="processing">{t('admin:calendar.kind.working')}</Tag>
        ) : (
          <Tag color="success">{t('admin:calendar.kind.holiday')}</Tag>
        ),
    },
    { key: 'name', dataIndex: 'name', title: t('admin:calendar.columns.name') },
    {
      key: 'base',
      title: t('admin:calendar.columns.base'),
      width: 220,
      render: (_, day) => {
        const base = baseDay(day);
        if (base.kind === 'national') {
          return t(base.working ? 'admin:calendar.base.nationalWorking' : 'admin:calendar.base.nationalOff', { name: base.name });
        }
        return t(`admin:calendar.base.${base.kind}`);
      },
    },
    {
      key: 'actions',
      title: t('admin:calendar.columns.actions'),
      width: 100,
      render: (_, day) => (
        <Button type="link" size="small" danger aria-label={`${t('admin:calendar.delete.button')}：${day.date}`} onClick={() => confirmDelete(day)}>
          {t('admin:calendar.delete.button')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin:calendar.intro')}</Typography.Paragraph>
      <MissingYearBanner years={query.data?.missing_national_years} />
      <Card size="small" className="admin-card" title={<h2 className="admin-card__title">{t('admin:calendar.rules.title')}</h2>}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'hours',
              label: t('admin:calendar.rules.officeHours'),
              children: query.data
                ? officeHoursText(query.data.office_hours, t('admin:calendar.rules.hoursSeparator'))
                : t('common:status.loading'),
            },
            {
              key: 'national',
              label: t('admin:calendar.rules.national'),
              children: query.data
                ? query.data.covered_years.length > 0
                  ? t('admin:calendar.rules.nationalYears', { years: query.data.covered_years.join(t('admin:calendar.rules.hoursSeparator')) })
                  : t('admin:calendar.rules.nationalNone')
                : t('common:status.loading'),
            },
          ]}
        />
        <Typography.Paragraph className="admin-card__note">{t('admin:calendar.rules.builtIn')}</Typography.Paragraph>
      </Card>
      <div className="admin-toolbar">
        <div className="filter-bar">
          <LabelledSelect<number>
            label={t('admin:calendar.year')}
            value={year}
            onChange={showYear}
            style={{ minWidth: 120 }}
            options={years.map((y) => ({ value: y, label: t('admin:calendar.yearOption', { year: y }) }))}
          />
        </div>
        <Space>
          <LocalDaysImport />
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('admin:calendar.add.button')}
          </Button>
        </Space>
      </div>
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      <Table<CalendarDay>
        rowKey="date"
        columns={columns}
        dataSource={changes}
        loading={query.isPending}
        pagination={false}
        aria-label={t('admin:calendar.tableLabel', { year })}
        locale={{ emptyText: t('admin:calendar.empty', { year }) }}
      />
      <CalendarDayModal open={adding} onClose={() => setAdding(false)} onSaved={(date) => showYear(yearOf(date))} />
      <TargetSetting />
    </>
  );
}
