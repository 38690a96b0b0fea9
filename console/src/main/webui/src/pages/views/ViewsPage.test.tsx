import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import i18n from '../../i18n';
import { renderScreen } from '../../test/render';
import { LocationProbe, stubServices } from '../log/testing';
import { builtInViews, ownView, sharedView } from '../log/viewFixtures';
import ViewsPage from './ViewsPage';

afterEach(() => vi.unstubAllGlobals());

function render() {
  return renderScreen(
    <>
      <Routes>
        <Route path="/views" element={<ViewsPage />} />
        <Route path="/log" element={<p>the log</p>} />
      </Routes>
      <LocationProbe />
    </>,
    { route: '/views' },
  );
}

describe('manage views', () => {
  it('lists every view with its owner, sharing and last use', async () => {
    void i18n.changeLanguage('en');
    stubServices([[/^\/api\/v1\/views$/, () => ({ body: { items: [...builtInViews, ownView, sharedView] } })]]);
    render();
    expect(await screen.findByRole('heading', { level: 1, name: 'Views' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Views' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('rowheader')[0].textContent)).toEqual([
      'All logs',
      'Login history',
      'Security activity',
      'Failed logins',
      'Deleted contacts',
    ]);
    const own = rows[3];
    expect(within(own).getByText('You')).toBeInTheDocument();
    expect(within(own).getByRole('switch', { name: 'Share "Failed logins"' })).not.toBeChecked();
    expect(within(own).getByText(/2026.*(UTC|GMT|CET)/)).toBeInTheDocument();
    expect(within(own).getByRole('link', { name: 'Failed logins' })).toHaveAttribute('href', `/log?view=${ownView.id}`);
    const shared = rows[4];
    expect(within(shared).getByText('Eli Moss')).toBeInTheDocument();
    expect(within(shared).getByText('Never')).toBeInTheDocument();
    expect(within(shared).queryByRole('button', { name: /^Delete:/ })).not.toBeInTheDocument();
    expect(within(rows[0]).getByText('Built-in')).toBeInTheDocument();
    expect(within(rows[0]).getByRole('link', { name: 'All logs' })).toHaveAttribute('href', '/log');
  });

  it('deletes an own view only after confirming, and clones any', async () => {
    const user = userEvent.setup();
    let items = [...builtInViews, ownView, sharedView];
    const calls = stubServices([
      [/^\/api\/v1\/views$/, () => ({ body: { items } })],
      [/^\/api\/v1\/views\/[^/]+\/clone$/, () => ({ status: 201, body: { ...builtInViews[1], id: '33333333-4444-4555-8666-777777777777', name: 'Login history (copy)', builtIn: false, own: true } })],
      [
        /^\/api\/v1\/views\/[^/]+$/,
        () => {
          items = items.filter((v) => v.id !== ownView.id);
          return { status: 204, body: null };
        },
      ],
    ]);
    render();
    await user.click(await screen.findByRole('button', { name: 'Delete: Failed logins' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete view?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete view' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url.pathname === `/api/v1/views/${ownView.id}`)).toBe(true));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Failed logins' })).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Clone: Login history' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/views/login-history/clone')).toBe(true));
  });

  it('shows the error state when the views cannot be read', async () => {
    stubServices([[/^\/api\/v1\/views$/, () => ({ status: 503, body: { title: 'Service unavailable', status: 503, detail: 'Try again' } })]]);
    render();
    expect(await screen.findByRole('button', { name: /retry|try again/i })).toBeInTheDocument();
  });
});
