import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderScreen } from '../../test/render';
import { catalogOptions } from './data';
import { EventDetailsView } from './EventDetails';
import { account, catalog } from './fixtures';
import { searchFilters, searchHref } from './LogAccess';
import { analyticsViewedEvent, restoreRequestedEvent, searchedEvent, viewedEvent } from './restoreFixtures';
import { stubServices } from './testing';

const options = catalogOptions(catalog, account.visibleCategories);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a log-access entry', () => {
  it('shows the search that was run and opens it in the log with the same parameters, paging left out', () => {
    stubServices([]);
    renderScreen(<EventDetailsView event={searchedEvent} catalog={options} />);
    const section = screen.getByRole('region', { name: 'The search that was run' });
    const rows = within(section).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['CategoryLOGIN', 'Changed byu-ann', 'From2026-11-01T00:00:00Z']);
    const link = within(section).getByRole('link', { name: 'Open this search' });
    expect(link).toHaveAttribute('href', '/log?category=LOGIN&actor=u-ann&from=2026-11-01T00%3A00%3A00Z');
  });

  it('links a read entry to the entry that was read, and a restore to its deletion', () => {
    stubServices([]);
    const { unmount } = renderScreen(<EventDetailsView event={viewedEvent} catalog={options} />);
    expect(screen.getByRole('link', { name: 'Open the entry that was read' })).toHaveAttribute('href', '/log/demo-423');
    unmount();
    renderScreen(<EventDetailsView event={restoreRequestedEvent} catalog={options} />);
    expect(screen.getByRole('link', { name: 'Open the deletion' })).toHaveAttribute('href', '/log/demo-777');
  });

  it("shows an analytics section's filters without opening them as a log search or an entry", () => {
    stubServices([]);
    renderScreen(<EventDetailsView event={analyticsViewedEvent} catalog={options} />);
    const section = screen.getByRole('region', { name: 'The search that was run' });
    expect(within(section).getAllByRole('row').map((r) => r.textContent)).toEqual(['From2026-11-01T00:00:00Z', 'CategoryLOGIN']);
    expect(within(section).queryByRole('link')).not.toBeInTheDocument();
  });

  it('repeats a parameter of several values, and reads a search with no filters as the whole log', () => {
    const filters = searchFilters({ ...searchedEvent, details: { filters: { category: ['LOGIN', 'EXPORT'], q: '' } } })!;
    expect(filters).toEqual([['category', ['LOGIN', 'EXPORT']]]);
    expect(searchHref(filters)).toBe('/log?category=LOGIN&category=EXPORT');
    expect(searchHref(searchFilters({ ...searchedEvent, details: { filters: {} } })!)).toBe('/log');
    expect(searchFilters({ ...searchedEvent, details: { filters: 'category=LOGIN' } })).toBeNull();
  });
});
