import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useAuth } from 'react-oidc-context';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAccount } from './api/queries';
import { useApi } from './api/ApiProvider';
import { ApiError } from './api/problem';
import { ErrorState, Loading } from './layout/states';
import { LanguageSwitch, Shell, signOut } from './layout/Shell';
import { usePerson } from './auth/session';
import LogPage from './pages/log/LogPage';
import { prefetchLogPage } from './pages/log/data';

// The log is the first screen and ships in the first bundle; every other screen loads when first opened, so the
// first screen stays small (the charts of Analyze are most of the rest).
const StaffPage = lazy(() => import('./pages/staff/StaffPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const AnalyzePage = lazy(() => import('./pages/analyze/AnalyzePage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage'));
const ViewsPage = lazy(() => import('./pages/views/ViewsPage'));
const IntegrityPage = lazy(() => import('./pages/integrity/IntegrityPage'));

/** A signed-in person without the super admin role: a page that says so, not a broken screen. */
export function NotAdmin() {
  const { t } = useTranslation();
  const auth = useAuth();
  const person = usePerson();
  return (
    <Center h="100vh" component="main" id="main">
      <Stack align="center" maw={520} ta="center">
        <Title order={1}>{t('notAdmin.title')}</Title>
        <Text>{t('notAdmin.text', { name: person.name || person.email })}</Text>
        <Button onClick={() => signOut(auth)}>{t('user.signOut')}</Button>
        <LanguageSwitch />
      </Stack>
    </Center>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <Title order={1}>{t('state.pageNotFound')}</Title>;
}

export function ConsoleRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<Navigate to="/log" replace />} />
        <Route path="/signed-out" element={<Navigate to="/log" replace />} />
        <Route path="/auth/callback" element={<Navigate to="/log" replace />} />
        <Route path="/log" element={<LogPage />} />
        <Route path="/log/:eventId" element={<LogPage />} />
        <Route path="/staff" element={<StaffPage />} />
        <Route path="/staff/:eventId" element={<StaffPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/reports/:reportId" element={<ReportsPage />} />
        <Route path="/analyze" element={<AnalyzePage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/views" element={<ViewsPage />} />
        <Route path="/integrity" element={<IntegrityPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}

/** The signed-in console: refuses non-admins on the services' own answer (403), then the screens. */
export function App() {
  const account = useAccount();
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => prefetchLogPage(queryClient, api, window.location), [queryClient, api]);
  if (account.isPending) return <Loading />;
  if (account.error instanceof ApiError && account.error.status === 403) return <NotAdmin />;
  if (account.error) {
    return (
      <Center h="100vh" p="md">
        <ErrorState error={account.error} onRetry={() => void account.refetch()} />
      </Center>
    );
  }
  return (
    <BrowserRouter>
      <Shell>
        <ConsoleRoutes />
      </Shell>
    </BrowserRouter>
  );
}
