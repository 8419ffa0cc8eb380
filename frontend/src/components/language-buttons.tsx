import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@/lib/i18n/languages';
import './language-buttons.css';

/** Plain language picker for the pages that load no component library (login, portal). */
export function LanguageButtons() {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('language.label')} className="language-buttons">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
