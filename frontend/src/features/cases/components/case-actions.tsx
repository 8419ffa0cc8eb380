import { Alert, App as AntApp, Button, Card, Space, Typography } from 'antd';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseCommand, type CaseCommand } from '@/lib/cases/api/case-commands';
import type { Case } from '@/lib/cases/types';
import { useActionError } from '../hooks/use-action-error';
import { caseActionButtons, type ActionButton, type CaseActionForm } from '../utils/action-buttons';
import { AgreementForm } from './forms/agreement-form';
import type { CaseFormProps } from './forms/case-form-props';
import { CompletionForm } from './forms/completion-form';
import { PlanEditor } from './forms/plan-editor';
import { ReasonForm } from './forms/reason-form';
import { ReviewForm } from './forms/review-form';
import { TeamForm } from './forms/team-form';
import { useReloadRecord } from '@/lib/cases/api/reload';

const FORMS: Record<Exclude<CaseActionForm, 'none'>, ComponentType<CaseFormProps>> = {
  reason: ReasonForm,
  review: ReviewForm,
  team: TeamForm,
  plan: PlanEditor,
  agreement: AgreementForm,
  completion: CompletionForm,
};

/**
 * Every lifecycle action the caller may take on the case now, as buttons: a form where the
 * action needs input, a confirmation where it cannot be undone. The version read is sent as
 * If-Match; a 412 asks the user to reload.
 */
export function CaseActions({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console', 'cases']);
  const { modal, message } = AntApp.useApp();
  const command = useCaseCommand();
  const describe = useActionError();
  const reload = useReloadRecord();
  const [open, setOpen] = useState<ActionButton<CaseCommand, CaseActionForm> | null>(null);
  const [failure, setFailure] = useState<{ text: string[]; reload: boolean } | null>(null);
  const buttons = caseActionButtons(c);

  const sendPlain = async (action: CaseCommand) => {
    setFailure(null);
    try {
      await command.mutateAsync({ command: action, id: c.id, version: c.version, body: undefined as never });
      void message.success(t('console:action.done', { action: t(`cases:actions.${action}`) }));
    } catch (error) {
      const view = describe(error);
      setFailure({ text: view.form, reload: view.stale || view.moved });
    }
  };

  const onClick = (button: ActionButton<CaseCommand, CaseActionForm>) => {
    if (button.form !== 'none') {
      setOpen(button);
      return;
    }
    if (button.confirm) {
      modal.confirm({
        title: t(`console:confirm.${button.action}.title` as never),
        content: t(`console:confirm.${button.action}.content` as never),
        okText: t('console:action.confirmOk'),
        cancelText: t('console:action.cancel'),
        okButtonProps: button.danger ? { danger: true } : {},
        onOk: () => sendPlain(button.action),
      });
    } else {
      void sendPlain(button.action);
    }
  };

  const Form = open && open.form !== 'none' ? FORMS[open.form] : null;

  return (
    <Card className="case-actions" title={<Typography.Title level={2} className="section-title">{t('console:case.actionsHeading')}</Typography.Title>}>
      {failure && (
        <Alert
          type="error"
          showIcon
          className="action-errors"
          title={failure.text.join(' ')}
          closable={{ 'aria-label': t('console:action.close') }}
          onClose={() => setFailure(null)}
          action={
            failure.reload ? (
              <Button
                size="small"
                onClick={() => {
                  setFailure(null);
                  void reload({ caseId: c.id });
                }}
              >
                {t('console:action.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      {buttons.length === 0 ? (
        <Typography.Text type="secondary">{t('console:case.noActions')}</Typography.Text>
      ) : (
        <Space wrap>
          {buttons.map((button) => (
            <Button
              key={button.action}
              type={button.primary ? 'primary' : 'default'}
              danger={button.danger}
              loading={command.isPending && command.variables?.command === button.action}
              onClick={() => onClick(button)}
            >
              {t(`cases:actions.${button.action}`)}
            </Button>
          ))}
        </Space>
      )}
      {Form && open && (
        <Form
          case={c}
          action={open.action}
          open
          confirm={open.confirm}
          danger={open.danger}
          onClose={() => setOpen(null)}
        />
      )}
    </Card>
  );
}
