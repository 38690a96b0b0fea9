import type { ReactElement } from 'react';
import { afterAll, beforeAll, vi } from 'vitest';
import { Route, Routes, useLocation } from 'react-router-dom';
import { account, catalog } from './fixtures';
import { builtInViews } from './viewFixtures';

export interface Call {
  method: string;
  url: URL;
  body: unknown;
}

type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

/**
 * Stubs fetch: the catalog and account as the audit-service answers them, and each other path by the first
 * matching handler; every call is recorded (method, URL with its query, JSON body) for the test to check.
 */
export function stubServices(handlers: [RegExp, (call: Call) => Answer][]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const call = { method: init.method ?? 'GET', url: new URL(input, 'http://console.test'), body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const defaults: [RegExp, (c: Call) => Answer][] = [
        [/^\/api\/v1\/catalog$/, () => ({ body: catalog })],
        [/^\/api\/v1\/account$/, () => ({ body: account })],
        [/^\/api\/v1\/analytics\/top-actors$/, () => ({ body: { items: [{ actor: 'u-cy', count: 3 }] } })],
        [/^\/api\/v1\/views$/, () => ({ body: { items: builtInViews } })],
      ];
      const handler = [...handlers, ...defaults].find(([pattern]) => pattern.test(call.url.pathname));
      const answer = handler ? handler[1](call) : { status: 404, body: { title: 'Not found', status: 404 } };
      const status = answer.status ?? 200;
      // A 204 has no body (the Response constructor refuses one).
      return new Response(status === 204 ? null : JSON.stringify(answer.body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...answer.headers },
      });
    }),
  );
  return calls;
}

/** Shows the router's current URL, so a test can read what the screen put there. */
export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

export function routes(element: ReactElement, base = '/log') {
  return (
    <>
      <Routes>
        <Route path={base} element={element} />
        <Route path={`${base}/:eventId`} element={element} />
        <Route path="/reports/:reportId" element={<p>report page</p>} />
      </Routes>
      <LocationProbe />
    </>
  );
}

export function eventCalls(calls: Call[]): Call[] {
  return calls.filter((c) => c.url.pathname === '/api/v1/events');
}

/**
 * jsdom lays nothing out (every element 0 px high), so the virtualised table would render no row: give elements
 * a size, as a browser would, for the duration of the test file that calls this.
 */
export function giveElementsASize() {
  const height = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
  });
  afterAll(() => {
    if (height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', height);
    if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width);
  });
}
