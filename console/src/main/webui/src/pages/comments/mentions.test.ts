import { describe, expect, it } from 'vitest';
import { insertMention, mentionAt, mentionedIn } from './mentions';

describe('mentions in a comment box', () => {
  it('finds the @name being typed at the caret, after a blank or a line start only', () => {
    expect(mentionAt('Hi @de', 6)).toEqual({ start: 3, query: 'de' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('line\n@an', 8)).toEqual({ start: 5, query: 'an' });
    expect(mentionAt('mail ann@demo', 13)).toBeNull();
    expect(mentionAt('Hi @de and more', 15)).toBeNull();
  });

  it('replaces the typed part with the chosen name and puts the caret after it', () => {
    expect(insertMention('Hi @de, look', 3, 6, 'Demo Admin')).toEqual({ text: 'Hi @Demo Admin , look', caret: 15 });
  });

  it('mentions only the chosen people whose name is still in the text, each once', () => {
    const chosen = [
      { userId: 'u-1', name: 'Demo Admin' },
      { userId: 'u-2', name: 'Bo Ek' },
      { userId: 'u-1', name: 'Demo Admin' },
    ];
    expect(mentionedIn('@Demo Admin and @Demo Admin again', chosen)).toEqual(['u-1']);
    expect(mentionedIn('@Bo Ek, then @Demo Admin', chosen)).toEqual(['u-1', 'u-2']);
    expect(mentionedIn('no one', chosen)).toEqual([]);
  });
});
