// Type-checks translation keys against the Chinese locale files (the reference language).
import 'i18next';
import type auth from './locales/zh-CN/auth.json';
import type cases from './locales/zh-CN/cases.json';
import type common from './locales/zh-CN/common.json';
import type consoleStrings from './locales/zh-CN/console.json';
import type portal from './locales/zh-CN/portal.json';
import type aftercare from './locales/zh-CN/aftercare.json';
import type printStrings from './locales/zh-CN/print.json';
import type intake from './locales/zh-CN/intake.json';
import type admin from './locales/zh-CN/admin.json';
import type integrations from './locales/zh-CN/integrations.json';
import type consult from './locales/zh-CN/consult.json';
import type publicStrings from './locales/zh-CN/public.json';
import type complaints from './locales/zh-CN/complaints.json';
import type analytics from './locales/zh-CN/analytics.json';
import type fees from './locales/zh-CN/fees.json';
import type conditions from './locales/zh-CN/conditions.json';
import type intermediaries from './locales/zh-CN/intermediaries.json';
import type meetings from './locales/zh-CN/meetings.json';
import type onboarding from './locales/zh-CN/onboarding.json';
import type password from './locales/zh-CN/password.json';
import type platform from './locales/zh-CN/platform.json';
import type settings from './locales/zh-CN/settings.json';
import type holidays from './locales/zh-CN/holidays.json';
import type audit from './locales/zh-CN/audit.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      auth: typeof auth;
      console: typeof consoleStrings;
      portal: typeof portal;
      cases: typeof cases;
      aftercare: typeof aftercare;
      print: typeof printStrings;
      intake: typeof intake;
      admin: typeof admin;
      integrations: typeof integrations;
      consult: typeof consult;
      public: typeof publicStrings;
      complaints: typeof complaints;
      analytics: typeof analytics;
      fees: typeof fees;
      conditions: typeof conditions;
      intermediaries: typeof intermediaries;
      meetings: typeof meetings;
      onboarding: typeof onboarding;
      password: typeof password;
      platform: typeof platform;
      settings: typeof settings;
      holidays: typeof holidays;
      audit: typeof audit;
    };
  }
}
