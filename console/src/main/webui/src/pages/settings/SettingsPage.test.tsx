import { describe, expect, it, vi, beforeEach } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import SettingsPage from './SettingsPage';

// Shapes as the running services answer them (notification-service 8083, audit-service 8081).
const settings = {
  email: 'admin@demo.example',
  alerts: { multipleExports: false, adminPermissionRemoved: false },
  mail: { exportReady: true, mentions: true },
  multipleExportsThreshold: 10,
};
const enterprise = {
  accountId: 'demo',
  plan: 'ENTERPRISE',
  planSource: 'DEFAULT',
  visibleCategories: ['LOGIN', 'SECURITY', 'EXPORT', 'USER_MANAGEMENT'],
  eventDetails: true,
};
const starter = { accountId: 'demo', plan: 'STARTER', planSource: 'ACCOUNT', visibleCategories: ['LOGIN', 'SECURITY'], eventDetails: false };
const catalog = {
  categories: [
    { code: 'LOGIN', label: 'Login', subcategories: [], actions: [{ code: 'LOGIN_SUCCEEDED', label: 'Login succeeded' }] },
    { code: 'SECURITY', label: 'Security activity', subcategories: [], actions: [] },
    { code: 'EXPORT', label: 'Exports', subcategories: [], actions: [] },
    { code: 'USER_MANAGEMENT', label: 'User and permission management', subcategories: [], actions: [] },
  ],
  actorTypes: [{ code: 'USER', label: 'User' }],
  departments: [],
  itemTypes: [],
  builtInViews: [],
};

type Handler = (init: RequestInit | undefined) => Response;
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

function stubServices(handlers: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    const handler = handlers[key];
    if (!handler) return json(404, { title: 'Not Found', status: 404 }, 'application/problem+json');
    return handler(init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function baseHandlers(account = enterprise): Record<string, Handler> {
  return {
    'GET /api/v1/notification-settings': () => json(200, settings),
    'GET /api/v1/account': () => json(200, account),
    'GET /api/v1/catalog': () => json(200, catalog),
  };
}

function putBodies(fetchMock: ReturnType<typeof stubServices>) {
  return fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT').map(([, init]) => JSON.parse(String(init?.body)));
}

describe('settings: alerts and emails', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('loads the settings, sends the whole document with the change, and says it saved', async () => {
    const fetchMock = stubServices({
      ...baseHandlers(),
      'PUT /api/v1/notification-settings': (init) => json(200, { ...JSON.parse(String(init?.body)), email: settings.email }),
    });
    renderScreen(<SettingsPage />);
    const alert = await screen.findByRole('switch', { name: /^Admin permission removed/ });
    expect(alert).not.toBeChecked();
    expect(screen.getByRole('switch', { name: /^Email me when my report is ready/ })).toBeChecked();
    expect(screen.getByTestId('recipient')).toHaveTextContent('admin@demo.example');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();

    await userEvent.click(alert);
    await userEvent.click(screen.getByRole('switch', { name: /^Email me when I am mentioned/ }));
    const threshold = screen.getByRole('textbox', { name: 'Exports a day before the alert' });
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '25');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Settings saved');
    expect(putBodies(fetchMock)).toEqual([
      {
        alerts: { multipleExports: false, adminPermissionRemoved: true },
        mail: { exportReady: true, mentions: false },
        multipleExportsThreshold: 25,
      },
    ]);
    expect(screen.getByRole('switch', { name: /^Admin permission removed/ })).toBeChecked();
  });

  it("shows the service's 400 reasons beside the fields they name", async () => {
    stubServices({
      ...baseHandlers(),
      'PUT /api/v1/notification-settings': () =>
        json(
          400,
          {
            title: 'Invalid request',
            status: 400,
            detail: 'multipleExportsThreshold: must be between 1 and 100000',
            errors: [
              { field: 'multipleExportsThreshold', reason: 'must be between 1 and 100000' },
              { field: 'alerts', reason: 'need an email address, and your token carries none' },
            ],
          },
          'application/problem+json',
        ),
    });
    renderScreen(<SettingsPage />);
    await userEvent.click(await screen.findByRole('switch', { name: /^Multiple exports/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    const threshold = await screen.findByRole('textbox', { name: 'Exports a day before the alert' });
    await waitFor(() => expect(threshold).toHaveAccessibleDescription(/must be between 1 and 100000/));
    expect(threshold).toHaveAttribute('aria-invalid', 'true');
    const alerts = screen.getByRole('group', { name: 'Alerts' });
    expect(within(alerts).getByText('Not saved: need an email address, and your token carries none')).toBeInTheDocument();
    expect(screen.getByText('Not saved: correct the fields marked above.')).toBeInTheDocument();
    expect(screen.queryByText('Settings saved')).not.toBeInTheDocument();
  });

  it('refuses a threshold out of range before sending anything', async () => {
    const fetchMock = stubServices(baseHandlers());
    renderScreen(<SettingsPage />);
    const threshold = await screen.findByRole('textbox', { name: 'Exports a day before the alert' });
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Enter a whole number from 1 to 100,000.')).toBeInTheDocument();
    expect(putBodies(fetchMock)).toEqual([]);
  });

  it('shows the error state when the settings cannot be read', async () => {
    stubServices({
      ...baseHandlers(),
      'GET /api/v1/notification-settings': () =>
        json(503, { title: 'Service Unavailable', status: 503, detail: 'The database did not answer in time' }, 'application/problem+json'),
    });
    renderScreen(<SettingsPage />);
    expect(await screen.findByText('The service is not available right now; try again in a moment')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('settings: the plan', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('explains what a Starter plan does not show: the other categories and the details', async () => {
    stubServices(baseHandlers(starter));
    renderScreen(<SettingsPage />);
    expect(await screen.findByTestId('plan-name')).toHaveTextContent('Account demo is on the Starter plan.');
    expect(screen.getByTestId('plan-explanation')).toHaveTextContent(
      'The Starter plan shows only these events: Login and Security activity, and without the details (metadata) of each event.',
    );
    const hidden = within(screen.getByTestId('plan-hidden'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(hidden).toEqual([
      'Exports events',
      'User and permission management events',
      'The details of each event: its metadata, such as the values before and after a change',
    ]);
  });

  it('says an Enterprise plan shows everything, with no list of what is missing', async () => {
    stubServices(baseHandlers(enterprise));
    renderScreen(<SettingsPage />);
    expect(await screen.findByTestId('plan-name')).toHaveTextContent('Account demo is on the Enterprise plan.');
    expect(screen.getByTestId('plan-explanation')).toHaveTextContent('Your plan shows every category of the audit log');
    expect(screen.queryByTestId('plan-hidden')).not.toBeInTheDocument();
  });
});
