import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Skeleton: the helper building this screen replaces this file.
export default function LogPage() {
  const { t } = useTranslation();
  return <Title order={1}>{t('nav.log')}</Title>;
}
