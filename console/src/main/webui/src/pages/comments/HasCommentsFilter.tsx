import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The log's "has comments" filter (the events API's `hasComments=true`). */
export function HasCommentsFilter({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation('comments');
  return <Switch size="xs" label={t('filter.hasComments')} checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />;
}
