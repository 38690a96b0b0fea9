import { formatDate } from '../../format/time';

/** A calendar date (YYYY-MM-DD) in the locale's format; it names no moment, so it is formatted as UTC. */
export function formatDay(date: string, language: string): string {
  return formatDate(`${date}T00:00:00Z`, language, 'UTC');
}
