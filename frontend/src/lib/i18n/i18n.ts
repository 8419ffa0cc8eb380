/**
 * i18next set-up. Every UI string lives in `locales/<language>/<namespace>.json`; each file is
 * its own chunk, loaded when a screen first needs its namespace, so the portal never downloads
 * the console's strings. Changing the language updates <html lang>, the Accept-Language header
 * sent to the API, and the remembered choice.
 */
import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage, setCurrentLanguage, storedLanguage } from './languages';

export const NAMESPACES = ['common', 'auth', 'console', 'portal', 'cases', 'aftercare', 'print', 'intake', 'admin', 'integrations', 'public', 'consult', 'complaints', 'analytics', 'fees', 'conditions', 'intermediaries', 'meetings', 'onboarding', 'password', 'platform', 'settings', 'holidays', 'audit'] as const;
export type Namespace = (typeof NAMESPACES)[number];

const loaders = import.meta.glob<{ default: ResourceKey }>('./locales/*/*.json');

const lazyLocales: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = loaders[`./locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`no locale file for ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (language) => {
  if (isLanguage(language)) setCurrentLanguage(language);
});

/** Starts i18n; resolves once the common strings of the chosen language are loaded. */
export function initI18n(language = storedLanguage()): Promise<unknown> {
  if (i18n.isInitialized) return Promise.resolve();
  return i18n
    .use(lazyLocales)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: LANGUAGES,
      load: 'currentOnly',
      ns: ['common'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: true },
    });
}
