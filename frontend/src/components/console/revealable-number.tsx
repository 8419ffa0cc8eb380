import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { mayReveal, useRevealNumber, type PersonalNumber } from '@/lib/personal-numbers/reveal';

/**
 * A person's number, masked (`138****1234`), with "显示完整号码" for the roles whose work needs
 * it; each reveal is recorded on the server. The full number lives in this component only.
 */
export function RevealableNumber({
  masked,
  number,
  recordId,
}: {
  masked: string;
  number: PersonalNumber;
  recordId: string;
}) {
  const { t } = useTranslation('common');
  const me = useMe();
  const reveal = useRevealNumber();
  const full = reveal.data?.value;
  if (full) {
    return <a href={`tel:${full}`}>{full}</a>;
  }
  const offered = me.data ? mayReveal(me.data.role, number) : false;
  return (
    <Space size={4} wrap>
      <span>{masked}</span>
      {offered && (
        <Button
          size="small"
          type="link"
          loading={reveal.isPending}
          aria-label={t('personalNumber.revealLabel', { masked })}
          onClick={() => reveal.mutate({ number, record_id: recordId })}
        >
          {t('personalNumber.reveal')}
        </Button>
      )}
      {reveal.isError && <Typography.Text type="danger">{t('personalNumber.failed')}</Typography.Text>}
    </Space>
  );
}
