import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './secret-once-modal.css';

/**
 * A secret the server answered once (an initial password, an API key, a webhook's signing
 * secret) and the words around it: what it is, why it is shown once, and whose it is.
 */
export interface OneTimeSecret {
  title: string;
  /** The warning above it: shown once, kept safe, what to do with it. */
  warning: string;
  /** Whose secret it is (an account), when that needs saying. */
  detail?: string;
  label: string;
  value: string;
  /** The closing button's words, which confirm it was kept. */
  closeLabel: string;
}

/**
 * Shows a secret the server answers only once, with a copy button and a clear warning. It
 * closes only by its own button; the caller then forgets the value, so it is never shown again.
 */
export function SecretOnceModal({ secret, onClose }: { secret: OneTimeSecret | null; onClose: () => void }) {
  const { t } = useTranslation('common');
  const id = useId();
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const close = () => {
    setCopied(null);
    onClose();
  };
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.value);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Modal
      open={secret !== null}
      title={secret?.title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close}>
          {secret?.closeLabel}
        </Button>
      }
    >
      {secret && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={secret.warning} />
          {secret.detail && <Typography.Text>{secret.detail}</Typography.Text>}
          <label htmlFor={id}>{secret.label}</label>
          <Space.Compact style={{ width: '100%' }}>
            <Input id={id} readOnly value={secret.value} className="secret-value" onFocus={(e) => e.target.select()} />
            <Button onClick={() => void copy()}>{t('copy.button')}</Button>
          </Space.Compact>
          <div role="status" aria-live="polite">
            {copied === 'done' && t('copy.done')}
            {copied === 'failed' && t('copy.failed')}
          </div>
        </Space>
      )}
    </Modal>
  );
}
