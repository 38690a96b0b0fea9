import { useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Badge, Button, Group, Modal, SegmentedControl, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { AuthContext } from 'react-oidc-context';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { formatDateTime } from '../../format/time';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { commentLink, useCommentWrites, useThreads, type CommentView, type PersonRef, type ThreadStatus } from './api';
import { MentionTextarea } from './MentionTextarea';
import { mentionedIn } from './mentions';
import classes from './comments.module.css';

/** The signed-in person's user id (the token subject), when there is a session. */
function useMyUserId(): string | undefined {
  return useContext(AuthContext)?.user?.profile.sub;
}

/**
 * The comments of one log entry in its details panel: threads (a top comment and its replies), the open /
 * resolved / all filter, a box for a new thread, and per comment reply, edit, delete, resolve / reopen and a link
 * to copy. `focus` (the `comment` of a link) brings that comment's thread into view.
 */
export function CommentsSection({ eventId, focus }: { eventId: string; focus?: string | null }) {
  const { t } = useTranslation('comments');
  // A link to a comment shows it whatever its thread's state.
  const [status, setStatus] = useState<ThreadStatus>(focus ? 'all' : 'open');
  const threads = useThreads(eventId, status);
  const [announcement, setAnnouncement] = useState('');
  const headingId = `comments-${eventId}`;

  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" align="center" mb="xs" wrap="wrap" gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {t('title')}
        </Title>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(value) => setStatus(value as ThreadStatus)}
          aria-label={t('filter.label')}
          data={[
            { value: 'open', label: threads.data ? t('filter.openCount', { count: threads.data.openCount }) : t('filter.open') },
            {
              value: 'resolved',
              label: threads.data ? t('filter.resolvedCount', { count: threads.data.resolvedCount }) : t('filter.resolved'),
            },
            { value: 'all', label: t('filter.all') },
          ]}
        />
      </Group>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <Stack gap="sm">
        {threads.isPending ? (
          <Loading label={t('loading')} />
        ) : threads.error ? (
          <ErrorState error={threads.error} onRetry={() => void threads.refetch()} />
        ) : threads.data.items.length === 0 ? (
          <EmptyState title={t(`empty.${status}`)} hint={status === 'open' ? t('empty.hint') : undefined} />
        ) : (
          threads.data.items.map((thread) => (
            <Thread key={thread.id} thread={thread} eventId={eventId} focus={focus} announce={setAnnouncement} />
          ))
        )}
        <NewComment eventId={eventId} announce={setAnnouncement} />
      </Stack>
    </section>
  );
}

function Thread({ thread, eventId, focus, announce }: { thread: CommentView; eventId: string; focus?: string | null; announce: (text: string) => void }) {
  const { t } = useTranslation('comments');
  const [replying, setReplying] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const focused = Boolean(focus) && (thread.id === focus || Boolean(thread.replies?.some((r) => r.id === focus)));
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  const replies = thread.replies ?? [];
  return (
    <article
      ref={ref}
      className={classes.thread}
      data-focused={focused || undefined}
      aria-label={t('thread.label', { name: thread.author?.name ?? t('comment.deletedAuthor') })}
    >
      <Stack gap="xs">
        {thread.resolved && (
          <Badge color="green" variant="light" size="sm" w="fit-content">
            {t('thread.resolvedBy', { name: thread.resolvedBy?.name ?? '' })}
          </Badge>
        )}
        <Comment comment={thread} eventId={eventId} onReply={() => setReplying(true)} announce={announce} focused={thread.id === focus} />
        {(replies.length > 0 || replying) && (
          <Stack gap="xs" className={classes.replies}>
            {replies.map((reply) => (
              <Comment key={reply.id} comment={reply} eventId={eventId} announce={announce} focused={reply.id === focus} />
            ))}
            {replying && (
              <Composer
                eventId={eventId}
                parentId={thread.id}
                label={t('composer.reply')}
                submitLabel={t('composer.sendReply')}
                autoFocus
                onDone={() => {
                  setReplying(false);
                  announce(t('announce.replied'));
                }}
                onCancel={() => setReplying(false)}
              />
            )}
          </Stack>
        )}
      </Stack>
    </article>
  );
}

function Comment({
  comment,
  eventId,
  onReply,
  announce,
  focused,
}: {
  comment: CommentView;
  eventId: string;
  onReply?: () => void;
  announce: (text: string) => void;
  focused: boolean;
}) {
  const { t, i18n } = useTranslation('comments');
  const me = useMyUserId();
  const writes = useCommentWrites(eventId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const mine = Boolean(me) && comment.author?.userId === me;
  const top = comment.parentId === null;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focused) ref.current?.focus();
  }, [focused]);

  if (comment.deleted) {
    return (
      <Text size="sm" c="gray.7" fs="italic" id={`comment-${comment.id}`}>
        {t('comment.deleted')}
      </Text>
    );
  }

  const conflictOr = (error: unknown, fallback: string) =>
    error instanceof ApiError && error.status === 409 ? t('comment.conflict') : error instanceof ApiError ? error.message : fallback;

  const setResolved = (resolved: boolean) =>
    writes.change.mutate(
      { id: comment.id, change: { version: comment.version, resolved } },
      {
        onSuccess: () => announce(t(resolved ? 'announce.resolved' : 'announce.reopened')),
        onError: (error) => setProblem(conflictOr(error, t('comment.failed'))),
      },
    );

  const copy = async () => {
    const link = commentLink(eventId, comment.id);
    try {
      await navigator.clipboard.writeText(link);
      notifications.show({
        title: t('link.copied'),
        message: link,
        color: 'green',
        closeButtonProps: { 'aria-label': t('link.close') },
        styles: { description: { color: 'var(--mantine-color-gray-7)' } },
      });
    } catch {
      // A browser that refuses the clipboard: the link is shown to copy by hand.
      setProblem(t('link.manual', { link }));
    }
  };

  return (
    <div id={`comment-${comment.id}`} ref={ref} tabIndex={focused ? -1 : undefined}>
      <Group gap={6} align="baseline" wrap="wrap">
        <Text size="sm" fw={600}>
          {comment.author?.name}
        </Text>
        <Text size="xs" c="gray.7">
          {formatDateTime(comment.createdAt, i18n.language)}
        </Text>
        {comment.editedAt && (
          <Text size="xs" c="gray.7" title={formatDateTime(comment.editedAt, i18n.language)}>
            {t('comment.edited', { time: formatDateTime(comment.editedAt, i18n.language) })}
          </Text>
        )}
      </Group>
      {editing ? (
        <Composer
          eventId={eventId}
          editing={comment}
          label={t('composer.edit')}
          submitLabel={t('composer.save')}
          autoFocus
          onDone={() => {
            setEditing(false);
            announce(t('announce.edited'));
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Text size="sm" className={classes.text}>
          <CommentText text={comment.text ?? ''} mentions={comment.mentions} />
        </Text>
      )}
      {problem && (
        <Text size="sm" c="red.8" role="alert">
          {problem}
        </Text>
      )}
      {!editing && (
        <Group gap={4} mt={2}>
          {top && onReply && (
            <Button variant="subtle" size="compact-xs" onClick={onReply}>
              {t('action.reply')}
            </Button>
          )}
          {mine && (
            <Button variant="subtle" size="compact-xs" onClick={() => setEditing(true)}>
              {t('action.edit')}
            </Button>
          )}
          {mine && (
            <Button variant="subtle" size="compact-xs" color="red" c="red.9" onClick={() => setDeleting(true)}>
              {t('action.delete')}
            </Button>
          )}
          {top && (
            <Button variant="subtle" size="compact-xs" onClick={() => setResolved(!comment.resolved)} loading={writes.change.isPending}>
              {comment.resolved ? t('action.reopen') : t('action.resolve')}
            </Button>
          )}
          <Button variant="subtle" size="compact-xs" onClick={() => void copy()} aria-label={t('action.copyLinkOf', { name: comment.author?.name ?? '' })}>
            {t('action.copyLink')}
          </Button>
        </Group>
      )}
      <Modal opened={deleting} onClose={() => setDeleting(false)} title={t('delete.title')} closeButtonProps={{ 'aria-label': t('delete.cancel') }}>
        <Stack>
          <Text size="sm">{(comment.replies?.length ?? 0) > 0 ? t('delete.withReplies') : t('delete.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(false)}>
              {t('delete.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={writes.remove.isPending}
              onClick={() =>
                writes.remove.mutate(
                  { id: comment.id, version: comment.version },
                  {
                    onSuccess: () => {
                      setDeleting(false);
                      announce(t('announce.deleted'));
                    },
                    onError: (error) => {
                      setDeleting(false);
                      setProblem(conflictOr(error, t('comment.failed')));
                    },
                  },
                )
              }
            >
              {t('delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}

/** The text as written, with each "@Name" of a mentioned person marked. */
export function CommentText({ text, mentions }: { text: string; mentions: PersonRef[] }) {
  const parts = useMemo(() => {
    const names = [...new Set(mentions.map((m) => `@${m.name}`))].sort((a, b) => b.length - a.length);
    if (!names.length) return [text];
    const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pieces: ReactNode[] = [];
    const pattern = new RegExp(`(${escaped.join('|')})`, 'g');
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      pieces.push(text.slice(last, match.index));
      pieces.push(
        <span key={match.index} className={classes.mention}>
          {match[0]}
        </span>,
      );
      last = match.index + match[0].length;
    }
    pieces.push(text.slice(last));
    return pieces;
  }, [text, mentions]);
  return <>{parts}</>;
}

function NewComment({ eventId, announce }: { eventId: string; announce: (text: string) => void }) {
  const { t } = useTranslation('comments');
  return (
    <Composer
      eventId={eventId}
      label={t('composer.new')}
      submitLabel={t('composer.send')}
      onDone={() => announce(t('announce.added'))}
    />
  );
}

/** The text box of a new thread, a reply or an edit, with its mentions and the service's reasons when it refuses. */
function Composer({
  eventId,
  parentId,
  editing,
  label,
  submitLabel,
  autoFocus,
  onDone,
  onCancel,
}: {
  eventId: string;
  parentId?: string;
  editing?: CommentView;
  label: string;
  submitLabel: string;
  autoFocus?: boolean;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('comments');
  const writes = useCommentWrites(eventId);
  const [text, setText] = useState(editing?.text ?? '');
  const [chosen, setChosen] = useState<PersonRef[]>(editing?.mentions ?? []);
  const [error, setError] = useState<string | undefined>();
  const mutation = editing ? writes.change : writes.create;

  const submit = () => {
    if (!text.trim()) {
      setError(t('composer.empty'));
      return;
    }
    const mentions = mentionedIn(text, chosen);
    const handlers = {
      onSuccess: () => {
        setError(undefined);
        if (!editing) {
          setText('');
          setChosen([]);
        }
        onDone();
      },
      onError: (failure: unknown) => setError(reason(failure, mentions, chosen, t)),
    };
    if (editing) {
      writes.change.mutate({ id: editing.id, change: { version: editing.version, text, mentions } }, handlers);
    } else {
      writes.create.mutate({ text, parentId, mentions }, handlers);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap={6}>
        <MentionTextarea
          label={label}
          value={text}
          onChange={(value) => {
            setText(value);
            if (error) setError(undefined);
          }}
          chosen={chosen}
          onChoose={(person) => setChosen((list) => (list.some((p) => p.userId === person.userId) ? list : [...list, person]))}
          error={error}
          autoFocus={autoFocus}
          onSubmit={submit}
        />
        <Group gap="xs" justify="flex-end">
          {onCancel && (
            <Button variant="default" size="xs" onClick={onCancel}>
              {t('composer.cancel')}
            </Button>
          )}
          <Button type="submit" size="xs" loading={mutation.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The service's refusal in the person's words: the field it names, a mention by the name they chose. */
function reason(failure: unknown, mentions: string[], chosen: PersonRef[], t: TFunction): string {
  if (!(failure instanceof ApiError)) return t('comment.failed');
  if (failure.status === 409) return t('comment.conflict');
  const mention = failure.problem?.errors?.find((e) => e.field.startsWith('mentions['));
  if (mention) {
    const index = Number(/\[(\d+)\]/.exec(mention.field)?.[1]);
    const name = chosen.find((p) => p.userId === mentions[index])?.name ?? mentions[index];
    return t('composer.notMentionable', { name });
  }
  return failure.fieldError('text') ?? failure.message;
}
