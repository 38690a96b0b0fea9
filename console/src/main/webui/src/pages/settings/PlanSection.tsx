import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAccount, useCatalog } from '../../api/queries';
import type { Account, Catalog } from '../../api/types';
import { ErrorState, Loading } from '../../layout/states';

const PLANS = ['STARTER', 'PROFESSIONAL', 'ENTERPRISE'];

/** What the plan shows and, compared with the catalog, what it does not. */
export function planLimits(account: Account, catalog: Catalog) {
  const visible = new Set(account.visibleCategories);
  return {
    shown: catalog.categories.filter((c) => visible.has(c.code)),
    hidden: catalog.categories.filter((c) => !visible.has(c.code)),
    details: account.eventDetails,
  };
}

export function PlanSection() {
  const { t, i18n } = useTranslation('settings');
  const account = useAccount();
  const catalog = useCatalog();

  let body;
  if (account.isPending || catalog.isPending) body = <Loading label={t('plan.loading')} />;
  else if (account.error || catalog.error) {
    const failed = account.error ? account : catalog;
    body = <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  } else {
    const { shown, hidden, details } = planLimits(account.data, catalog.data);
    const plan = PLANS.includes(account.data.plan) ? t(`plan.names.${account.data.plan}`) : account.data.plan;
    const list = (labels: string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(labels);
    const limited = hidden.length > 0 || !details;
    body = (
      <Stack gap="sm">
        <Text data-testid="plan-name">{t('plan.current', { plan, account: account.data.accountId })}</Text>
        {!limited ? (
          <Text data-testid="plan-explanation">{t('plan.everything')}</Text>
        ) : (
          <>
            <Text data-testid="plan-explanation">
              {hidden.length > 0
                ? details
                  ? t('plan.onlyWithDetails', { plan, categories: list(shown.map((c) => c.label)) })
                  : t('plan.onlyWithoutDetails', { plan, categories: list(shown.map((c) => c.label)) })
                : t('plan.allWithoutDetails', { plan })}
            </Text>
            <Title order={3} size="h5" id="plan-hidden-heading">
              {t('plan.notShown')}
            </Title>
            <List size="sm" aria-labelledby="plan-hidden-heading" data-testid="plan-hidden">
              {hidden.map((c) => (
                <List.Item key={c.code}>{t('plan.hiddenCategory', { label: c.label })}</List.Item>
              ))}
              {!details && <List.Item>{t('plan.hiddenDetails')}</List.Item>}
            </List>
            <Text size="sm" c="dimmed">
              {t('plan.upgrade')}
            </Text>
          </>
        )}
      </Stack>
    );
  }

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="plan-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="plan-heading">
          {t('plan.title')}
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}
