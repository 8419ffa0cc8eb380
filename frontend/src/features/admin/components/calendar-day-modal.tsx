import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { usePutCalendarDay } from '../api/calendar-days';
import { CALENDAR_DAY_FIELDS, calendarDayToRequest, type CalendarDayValues } from '../utils/calendar';

/** The longest note the API keeps. */
const NAME_MAX = 64;

/** A local change of one date: an extra day off (放假) or an extra working day (上班), with why. */
export function CalendarDayModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  /** Called with the date saved, so the page can show its year. */
  onSaved: (date: string) => void;
}) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<CalendarDayValues>();
  const put = usePutCalendarDay();
  return (
    <AdminFormModal<CalendarDayValues>
      name="calendar-day"
      open={open}
      title={t('calendar.add.title')}
      okText={t('calendar.add.ok')}
      width={480}
      form={form}
      fields={CALENDAR_DAY_FIELDS}
      initialValues={{ kind: 'holiday' }}
      onClose={onClose}
      onSubmit={async (values) => {
        const { date, body } = calendarDayToRequest(values);
        await put.mutateAsync({ date, body });
        onSaved(date);
        return t('calendar.add.done', { date });
      }}
    >
      <Form.Item
        name="date"
        label={t('calendar.fields.date')}
        extra={t('calendar.add.replaces')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input type="date" />
      </Form.Item>
      <Form.Item name="kind" label={t('calendar.fields.kind')} rules={[{ required: true, message: t('form.required') }]}>
        <Radio.Group
          options={[
            { value: 'holiday', label: t('calendar.kind.holiday') },
            { value: 'working', label: t('calendar.kind.working') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('calendar.fields.name')}
        extra={t('calendar.add.nameHint')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { max: NAME_MAX, message: t('calendar.add.nameTooLong', { max: NAME_MAX }) },
        ]}
      >
        <Input maxLength={NAME_MAX} autoComplete="off" />
      </Form.Item>
    </AdminFormModal>
  );
}
