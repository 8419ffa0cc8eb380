// Type-checks translation keys against the Chinese locale files (the reference language).
import 'i18next';
import type auth from './locales/zh-CN/auth.json';
import type cases from './locales/zh-CN/cases.json';
import type common from './locales/zh-CN/common.json';
import type consoleStrings from './locales/zh-CN/console.json';
import type portal from './locales/zh-CN/portal.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      auth: typeof auth;
      console: typeof consoleStrings;
      portal: typeof portal;
      cases: typeof cases;
    };
  }
}
