import { useParams } from 'react-router-dom';
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ReportDetail } from './ReportDetail';
import { ReportForm } from './ReportForm';
import { ReportList } from './ReportList';

/** Reports: request one, follow it, download its files; /reports/<id> opens one report above the list. */
export default function ReportsPage() {
  const { t } = useTranslation('reports');
  const { reportId } = useParams();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        <Text c="gray.7">{t('intro')}</Text>
      </Stack>
      {reportId && <ReportDetail id={reportId} />}
      <ReportForm />
      <ReportList />
    </Stack>
  );
}
