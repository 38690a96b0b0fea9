import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NotificationSettingsForm } from './NotificationSettingsForm';
import { PlanSection } from './PlanSection';

/** Settings: the person's alerts and mails (where the mails' "change your settings" link leads) and the plan. */
export default function SettingsPage() {
  const { t } = useTranslation('settings');
  return (
    <Stack gap="xl" maw={760}>
      <Title order={1}>{t('title')}</Title>
      <NotificationSettingsForm />
      <PlanSection />
    </Stack>
  );
}
