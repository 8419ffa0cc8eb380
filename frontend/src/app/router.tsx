/**
 * Routes. Each shell and each page is its own chunk: the console's Ant Design code is never
 * downloaded by the portal, whose first screen must stay small on a phone (npm run size).
 */
import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouteFallback } from '@/components/route-fallback';
import { lazyNamed } from './lazy';
import { RequireShell, RootRedirect } from './routes/guards';
import { NotFound } from './routes/not-found';
import { RouteError } from './routes/route-error';

const LoginPage = lazyNamed(() => import('@/features/auth/components/login-page'), 'LoginPage');
// 修改密码, in both shells.
const ChangePasswordPage = lazyNamed(
  () => import('@/features/auth/components/change-password-page'),
  'ChangePasswordPage',
);

const ConsoleLayout = lazyNamed(() => import('./console/console-layout'), 'ConsoleLayout');
const WorkQueuePage = lazyNamed(
  () => import('@/features/work-queue/components/work-queue-page'),
  'WorkQueuePage',
);
const DepartmentsPage = lazyNamed(
  () => import('@/features/departments/components/departments-page'),
  'DepartmentsPage',
);
const ItemsPage = lazyNamed(() => import('@/features/items/components/items-page'), 'ItemsPage');
const CasesPage = lazyNamed(() => import('@/features/cases/components/cases-page'), 'CasesPage');
const CasePage = lazyNamed(() => import('@/features/cases/components/case-page'), 'CasePage');
const TasksPage = lazyNamed(() => import('@/features/cases/components/tasks-page'), 'TasksPage');
const TaskPage = lazyNamed(() => import('@/features/cases/components/task-page'), 'TaskPage');
// Applications filled in by officials for an enterprise (代为填报), and their drafts.
const IntakePage = lazyNamed(() => import('@/features/intake/components/intake-page'), 'IntakePage');
const IntakeEditPage = lazyNamed(() => import('@/features/intake/components/intake-edit-page'), 'IntakeEditPage');
// The printable forms: outside the console's layout, so no menu or header is printed.
const PrintPage = lazyNamed(() => import('@/features/print/components/print-page'), 'PrintPage');
// ECharts comes with this page only.
const SupervisionPage = lazyNamed(
  () => import('@/features/supervision/components/supervision-page'),
  'SupervisionPage',
);

// The administrator's screens: accounts and the working-day calendar.
const UsersPage = lazyNamed(() => import('@/features/admin/components/users-page'), 'UsersPage');
const AuditLogPage = lazyNamed(() => import('@/features/audit-log/components/audit-log-page'), 'AuditLogPage');
const CalendarPage = lazyNamed(() => import('@/features/admin/components/calendar-page'), 'CalendarPage');
// Its integrations: message channels, the delivery log, webhooks and API clients.
const ChannelsPage = lazyNamed(() => import('@/features/integrations/components/channels-page'), 'ChannelsPage');
const DeliveriesPage = lazyNamed(() => import('@/features/integrations/components/deliveries-page'), 'DeliveriesPage');
const WebhooksPage = lazyNamed(() => import('@/features/integrations/components/webhooks-page'), 'WebhooksPage');
const ApiClientsPage = lazyNamed(() => import('@/features/integrations/components/api-clients-page'), 'ApiClientsPage');
// Every official's own notification channels.
const PreferencesPage = lazyNamed(() => import('@/features/integrations/components/preferences-page'), 'PreferencesPage');
const CountySettingsPage = lazyNamed(() => import('@/features/county-settings/components/county-settings-page'), 'CountySettingsPage');
const TemplatesPage = lazyNamed(() => import('@/features/templates/components/templates-page'), 'TemplatesPage');
// What the county publishes without a sign-in.
const PublicProfilePage = lazyNamed(
  () => import('@/features/admin/components/public-profile-page'),
  'PublicProfilePage',
);

// Questions and appointment requests from the public (咨询与预约), for the window.
const ConsultationsPage = lazyNamed(
  () => import('@/features/consultations/components/consultations-page'),
  'ConsultationsPage',
);
// Anyone asks or books a time without an account (phone first, antd-mobile).
const PublicConsultPage = lazyNamed(
  () => import('@/features/portal-consult/components/public-consult-page'),
  'PublicConsultPage',
);

// 联席会议 in the console.
const MeetingsPage = lazyNamed(() => import('@/features/meetings/components/meetings-page'), 'MeetingsPage');

// 投诉处理 in the console, and the public complaint pages (no sign-in, phone first).
const ComplaintsPage = lazyNamed(() => import('@/features/complaints/components/complaints-page'), 'ComplaintsPage');
const ComplaintLodgePage = lazyNamed(
  () => import('@/features/portal-complaints/components/complaint-lodge-page'),
  'ComplaintLodgePage',
);
const ComplaintTrackPage = lazyNamed(
  () => import('@/features/portal-complaints/components/complaint-track-page'),
  'ComplaintTrackPage',
);

const ConditionsPage = lazyNamed(() => import('@/features/conditions/components/conditions-page'), 'ConditionsPage');
// 中介超市: the console's agencies and a case's engagements; the enterprise's choice on its phone.
const AgenciesPage = lazyNamed(() => import('@/features/intermediaries/components/agencies-page'), 'AgenciesPage');
const CaseIntermediariesPage = lazyNamed(
  () => import('@/features/intermediaries/components/case-intermediaries-page'),
  'CaseIntermediariesPage',
);
const PortalIntermediariesPage = lazyNamed(
  () => import('@/features/portal-intermediaries/components/portal-intermediaries-page'),
  'PortalIntermediariesPage',
);

// The platform administrator's console: counties, and the platform's own pages.
const PlatformLayout = lazyNamed(() => import('./platform/platform-layout'), 'PlatformLayout');
const CountiesPage = lazyNamed(() => import('@/features/platform/components/counties-page'), 'CountiesPage');
const PlatformCountyPage = lazyNamed(() => import('./platform/platform-county-page'), 'PlatformCountyPage');
const OnboardingPage = lazyNamed(() => import('@/features/onboarding/mount/onboarding-page'), 'OnboardingPage');
const NationalCalendarPage = lazyNamed(
  () => import('@/features/national-calendar/mount/national-calendar-page'),
  'NationalCalendarPage',
);

const PortalLayout = lazyNamed(() => import('./portal/portal-layout'), 'PortalLayout');
const PortalHomePage = lazyNamed(
  () => import('@/features/portal-home/components/portal-home-page'),
  'PortalHomePage',
);
const PortalMePage = lazyNamed(
  () => import('@/features/portal-home/components/portal-me-page'),
  'PortalMePage',
);

const PortalApplyPage = lazyNamed(
  () => import('@/features/portal-cases/components/portal-apply-page'),
  'PortalApplyPage',
);
const PortalCasePage = lazyNamed(
  () => import('@/features/portal-cases/components/portal-case-page'),
  'PortalCasePage',
);
const PortalEvaluatePage = lazyNamed(
  () => import('@/features/portal-cases/components/portal-evaluate-page'),
  'PortalEvaluatePage',
);
const PortalNotificationsPage = lazyNamed(
  () => import('@/features/portal-cases/components/portal-notifications-page'),
  'PortalNotificationsPage',
);

// The public side (no sign-in): its shell and pages.
const PublicLayout = lazyNamed(() => import('./public/public-layout'), 'PublicLayout');
const PublicHomePage = lazyNamed(
  () => import('@/features/public-disclosure/components/public-home-page'),
  'PublicHomePage',
);
const PublicCatalogPage = lazyNamed(
  () => import('@/features/public-disclosure/components/public-catalog-page'),
  'PublicCatalogPage',
);
const PublicItemPage = lazyNamed(
  () => import('@/features/public-disclosure/components/public-item-page'),
  'PublicItemPage',
);
const PublicRosterPage = lazyNamed(
  () => import('@/features/public-disclosure/components/public-roster-page'),
  'PublicRosterPage',
);

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<RouteFallback />}>{children}</Suspense>;
}

export function createRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      children: [
        { path: '/', element: <RootRedirect /> },
        { path: '/login', element: <Page><LoginPage /></Page> },
        {
          path: '/console',
          element: (
            <RequireShell shell="console">
              <Page><ConsoleLayout /></Page>
            </RequireShell>
          ),
          children: [
            { index: true, element: <WorkQueuePage /> },
            { path: 'departments', element: <DepartmentsPage /> },
            { path: 'items', element: <ItemsPage /> },
            { path: 'cases', element: <CasesPage /> },
            { path: 'cases/new', element: <IntakePage /> },
            { path: 'cases/:id', element: <CasePage /> },
            { path: 'cases/:id/edit', element: <IntakeEditPage /> },
            { path: 'consultations', element: <ConsultationsPage /> },
            { path: 'tasks', element: <TasksPage /> },
            { path: 'tasks/:id', element: <TaskPage /> },
            { path: 'supervision', element: <SupervisionPage /> },
            { path: 'complaints', element: <ComplaintsPage /> },
            { path: 'conditions', element: <ConditionsPage /> },
            { path: 'intermediaries', element: <AgenciesPage /> },
            { path: 'cases/:id/intermediaries', element: <CaseIntermediariesPage /> },
            { path: 'meetings', element: <MeetingsPage /> },
            { path: 'users', element: <UsersPage /> },
            { path: 'calendar', element: <CalendarPage /> },
            { path: 'channels', element: <ChannelsPage /> },
            { path: 'deliveries', element: <DeliveriesPage /> },
            { path: 'webhooks', element: <WebhooksPage /> },
            { path: 'api-clients', element: <ApiClientsPage /> },
            { path: 'preferences', element: <PreferencesPage /> },
            { path: 'templates', element: <TemplatesPage /> },
            { path: 'public-profile', element: <PublicProfilePage /> },
            { path: 'audit-log', element: <AuditLogPage /> },
            { path: 'password', element: <ChangePasswordPage /> },
            { path: 'county-settings', element: <CountySettingsPage /> },
          ],
        },
        {
          path: '/console/cases/:id/print',
          element: (
            <RequireShell shell="console">
              <Page><PrintPage /></Page>
            </RequireShell>
          ),
        },
        {
          path: '/platform',
          element: (
            <RequireShell shell="platform">
              <Page><PlatformLayout /></Page>
            </RequireShell>
          ),
          children: [
            { index: true, element: <CountiesPage /> },
            { path: 'counties/:code', element: <PlatformCountyPage /> },
            { path: 'onboarding', element: <OnboardingPage /> },
            { path: 'national-calendar', element: <NationalCalendarPage /> },
          ],
        },
        {
          path: '/portal',
          element: (
            <RequireShell shell="portal">
              <Page><PortalLayout /></Page>
            </RequireShell>
          ),
          children: [
            { index: true, element: <PortalHomePage /> },
            { path: 'me', element: <PortalMePage /> },
            { path: 'password', element: <ChangePasswordPage /> },
            { path: 'apply', element: <PortalApplyPage /> },
            { path: 'notifications', element: <PortalNotificationsPage /> },
            { path: 'cases/:id', element: <PortalCasePage /> },
            { path: 'cases/:id/evaluate', element: <PortalEvaluatePage /> },
            { path: 'cases/:id/intermediaries', element: <PortalIntermediariesPage /> },
          ],
        },
        { path: '/public/:tenant/consult', element: <Page><PublicConsultPage /></Page> },
        {
          // No sign-in: anyone may read what the county publishes.
          path: '/public/:tenant',
          element: <Page><PublicLayout /></Page>,
          children: [
            { index: true, element: <PublicHomePage /> },
            { path: 'catalog', element: <PublicCatalogPage /> },
            { path: 'items/:code', element: <PublicItemPage /> },
            { path: 'roster', element: <PublicRosterPage /> },
            // 咨询/预约 and 投诉 (forms in a frame of their own) are the routes beside this one.
          ],
        },
        { path: '/public/:tenant/complaints', element: <Page><ComplaintLodgePage /></Page> },
        { path: '/public/:tenant/complaints/track', element: <Page><ComplaintTrackPage /></Page> },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
