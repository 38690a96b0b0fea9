import type { PersonRef } from './api';

/** The "@query" being typed just before the caret (after a line start or a blank), or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** The text with the "@query" from `start` to `caret` replaced by the person's "@Name ", and the caret after it. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const token = `@${name} `;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}

/**
 * The people chosen from the list whose "@Name" is still in the text, each once: a mention deleted from the text
 * is no mention, and a name typed by hand without choosing it from the list mentions no one.
 */
export function mentionedIn(text: string, chosen: PersonRef[]): string[] {
  const ids: string[] = [];
  for (const person of chosen) {
    if (text.includes(`@${person.name}`) && !ids.includes(person.userId)) ids.push(person.userId);
  }
  return ids;
}
