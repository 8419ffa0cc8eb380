import { useTranslation } from 'react-i18next';
import { useElderMode } from '@/lib/elder-mode';
import './elder-mode-switch.css';

/** An accessible on/off switch for 长者模式 (a real button, reachable by keyboard). */
export function ElderModeSwitch({ showDescription = false }: { showDescription?: boolean }) {
  const { t } = useTranslation();
  const [on, setOn] = useElderMode();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className="elder-switch"
      onClick={() => setOn(!on)}
    >
      <span className="elder-switch__text">
        <span className="elder-switch__label">{t('elderMode.label')}</span>
        {showDescription && (
          <span className="elder-switch__description">{t('elderMode.description')}</span>
        )}
      </span>
      <span className="elder-switch__track" aria-hidden="true">
        <span className="elder-switch__thumb" />
      </span>
    </button>
  );
}
