import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Paper, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { usePeople, type PersonRef } from './api';
import { insertMention, mentionAt } from './mentions';
import classes from './comments.module.css';

export interface MentionTextareaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The people chosen from the list so far (the text decides which of them are still mentioned). */
  chosen: PersonRef[];
  onChoose: (person: PersonRef) => void;
  error?: string;
  autoFocus?: boolean;
  /** Ctrl/Cmd+Enter sends, as in most comment boxes. */
  onSubmit: () => void;
}

/**
 * A plain-text box with a mention picker: typing @ and a few letters lists the account's super admins
 * (`GET /api/v1/people?q=`); arrow keys move, Enter or Tab chooses, Escape closes (a text box with an autocomplete
 * listbox and the active option as its active descendant, as WAI-ARIA describes one).
 */
export function MentionTextarea({ label, value, onChange, chosen, onChoose, error, autoFocus, onSubmit }: MentionTextareaProps) {
  const { t } = useTranslation('comments');
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(query?.query ?? '', 150);
  const people = usePeople(debounced, query !== null);
  const options = query ? (people.data?.items ?? []) : [];
  const open = query !== null;

  useEffect(() => setActive(0), [debounced]);

  const look = (text: string, caret: number) => setQuery(mentionAt(text, caret));

  const choose = (person: { userId: string; name: string }) => {
    const element = ref.current;
    if (!query || !element) return;
    const next = insertMention(value, query.start, element.selectionStart ?? value.length, person.name);
    onChange(next.text);
    onChoose({ userId: person.userId, name: person.name });
    setQuery(null);
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
      return;
    }
    if (!open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation(); // the drawer stays open
      setQuery(null);
    } else if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault();
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp' && options.length) {
      event.preventDefault();
      setActive((i) => (i - 1 + options.length) % options.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && options[active]) {
      event.preventDefault();
      choose(options[active]);
    }
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <div className={classes.picker}>
      <Textarea
        ref={ref}
        label={label}
        description={t('composer.hint')}
        styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
          look(event.currentTarget.value, event.currentTarget.selectionStart ?? event.currentTarget.value.length);
        }}
        onKeyDown={onKeyDown}
        onClick={(event) => look(event.currentTarget.value, event.currentTarget.selectionStart ?? 0)}
        onBlur={() => setQuery(null)}
        error={error}
        // Not autosize: its font-loading listener needs document.fonts, which the component tests' jsdom lacks.
        rows={3}
        resize="vertical"
        maxLength={5000}
        autoFocus={autoFocus}
        // A text box that suggests (ARIA 1.2 allows no combobox role on a textarea): it names the list it controls
        // and the option in focus.
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        data-chosen={chosen.length}
      />
      {open && (
        <Paper className={classes.options} shadow="md" withBorder>
          <div id={listId} role="listbox" aria-label={t('composer.people')}>
            {options.map((person, i) => (
              <UnstyledButton
                key={person.userId}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={classes.option}
                data-active={i === active || undefined}
                tabIndex={-1}
                // Chosen before the box loses focus (a click would blur it first and close the list).
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(person);
                }}
              >
                <Text size="sm" fw={500} span>
                  {person.name}
                </Text>{' '}
                {person.email && (
                  <Text size="xs" c="gray.7" span>
                    {person.email}
                  </Text>
                )}
              </UnstyledButton>
            ))}
          </div>
          {people.isFetching && !options.length && (
            // Words, not a spinner: Mantine's loader is a span, which may carry no label.
            <Text size="sm" c="gray.7" p="xs" role="status">
              {t('composer.searching')}
            </Text>
          )}
          {!people.isFetching && !options.length && (
            <Text size="sm" c="gray.7" p="xs" role="status">
              {t('composer.noPeople')}
            </Text>
          )}
        </Paper>
      )}
    </div>
  );
}
