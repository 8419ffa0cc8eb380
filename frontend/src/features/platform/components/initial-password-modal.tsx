import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The first administrator's initial password as the server answered it, once. */
export interface InitialPassword {
  county: string;
  username: string;
  password: string;
}

/**
 * Shows the new county's first administrator's initial password, which the server answers only
 * once, with a copy button and a clear warning. It closes only by its own button; the caller
 * then forgets the value, so it is never shown again.
 */
export function InitialPasswordModal({ secret, onClose }: { secret: InitialPassword | null; onClose: () => void }) {
  const { t } = useTranslation('platform');
  const id = useId();
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const close = () => {
    setCopied(null);
    onClose();
  };
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.password);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Modal
      open={secret !== null}
      title={t('password.title')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close}>
          {t('password.close')}
        </Button>
      }
    >
      {secret && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('password.warning')} />
          <Typography.Text>{t('password.account', { county: secret.county, username: secret.username })}</Typography.Text>
          <label htmlFor={id}>{t('password.label')}</label>
          <Space.Compact style={{ width: '100%' }}>
            <Input id={id} readOnly value={secret.password} className="platform-secret" onFocus={(e) => e.target.select()} />
            <Button onClick={() => void copy()}>{t('password.copy')}</Button>
          </Space.Compact>
          <div role="status" aria-live="polite">
            {copied === 'done' && t('password.copied')}
            {copied === 'failed' && t('password.copyFailed')}
          </div>
        </Space>
      )}
    </Modal>
  );
}
