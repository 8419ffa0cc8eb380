import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { maySetProjectCode, useSetProjectCode } from '@/lib/cases/api/set-project-code';
import type { Case } from '@/lib/cases/types';
import { ActionModal } from './action-modal';

interface Values {
  projectCode: string;
  reason: string;
}

/**
 * The national project code on the case page, and for the window agent or the investment
 * officer a button to set or change it with a reason. The server checks the code: its message
 * (e.g. 校验码不正确) shows on the field.
 */
export function ProjectCodeAction({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console']);
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const setCode = useSetProjectCode();
  const label = c.project_code ? t('console:case.projectCode.change') : t('console:case.projectCode.set');
  return (
    <>
      {c.project_code ? <span className="credit-code">{c.project_code}</span> : '—'}
      {maySetProjectCode(me.data?.role, c) && (
        <Button type="link" size="small" onClick={() => setOpen(true)}>
          {label}
        </Button>
      )}
      {open && (
        <ActionModal<Values>
          name="project_code"
          open
          title={label}
          okText={label}
          form={form}
          fields={['projectCode', 'reason']}
          aliases={{ project_code: 'projectCode' }}
          initialValues={{ projectCode: c.project_code ?? '' }}
          onClose={() => setOpen(false)}
          record={{ caseId: c.id }}
          onSubmit={(values) => setCode.mutateAsync({ id: c.id, version: c.version, ...values })}
        >
          <Form.Item
            name="projectCode"
            label={t('console:case.facts.projectCode')}
            extra={t('console:case.projectCode.hint')}
            rules={[{ required: true, whitespace: true, message: t('console:forms.required') }]}
          >
            <Input maxLength={30} spellCheck={false} inputMode="numeric" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('console:case.projectCode.reason')}
            rules={[{ required: true, whitespace: true, message: t('console:forms.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}
