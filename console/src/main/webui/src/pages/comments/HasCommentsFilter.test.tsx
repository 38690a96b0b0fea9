import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { emptyFilters, eventsQuery, filtersFromSearch, filtersToSearch, hasFilters } from '../log/filters';
import { HasCommentsFilter } from './HasCommentsFilter';

describe('the log\'s "has comments" filter', () => {
  it('is the events API\'s hasComments=true, in the URL and in the query sent', () => {
    const filters = filtersFromSearch(new URLSearchParams('category=LOGIN&hasComments=true'));
    expect(filters.hasComments).toBe(true);
    expect(eventsQuery(filters)).toEqual({ category: ['LOGIN'], hasComments: true });
    expect(filtersToSearch(filters).toString()).toBe('category=LOGIN&hasComments=true');
    expect(hasFilters({ ...emptyFilters(), hasComments: true })).toBe(true);
    expect(filtersFromSearch(new URLSearchParams('hasComments=false')).hasComments).toBe(false);
    expect(eventsQuery(emptyFilters())).toEqual({});
  });

  it('is a labelled switch', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderScreen(<HasCommentsFilter checked={false} onChange={onChange} />);
    await user.click(screen.getByRole('switch', { name: 'Has comments' }));
    expect(onChange).toHaveBeenCalledWith(true);
  });
});
