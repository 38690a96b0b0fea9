import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderScreen } from '../../test/render';
import type { AuditEvent } from '../../api/types';
import { toBase64, fromBase64 } from '../../integrity/crypto';
import { clone, javaVectors, sealedEvent } from '../../integrity/fixtures/vectors';
import { catalogOptions } from './data';
import { EventDetails } from './EventDetails';
import { IntegritySection } from './IntegritySection';
import { account, catalog } from './fixtures';
import { routes, stubServices, type Call } from './testing';

afterEach(() => {
  vi.unstubAllGlobals();
});

const event = () => sealedEvent() as unknown as AuditEvent;
const keysAnswer: [RegExp, () => { body: unknown }] = [/^\/api\/v1\/integrity\/keys$/, () => ({ body: javaVectors.keys })];

function flip(b64: string): string {
  const bytes = fromBase64(b64)!;
  bytes[0] ^= 1;
  return toBase64(bytes);
}

function stubProof(proof: unknown, status = 200): Call[] {
  return stubServices([[/^\/api\/v1\/events\/[^/]+\/proof$/, () => ({ status, body: proof })], keysAnswer]);
}

async function result() {
  const region = await screen.findByTestId('integrity-result');
  expect(region).toHaveAttribute('aria-live', 'polite');
  return region;
}

describe("an entry's seal, checked in the browser", () => {
  it('opens a sealed entry from its link and shows "Verified" with the head it is under', async () => {
    const calls = stubServices([
      [/^\/api\/v1\/events\/[^/]+\/proof$/, () => ({ body: javaVectors.proof })],
      [/^\/api\/v1\/events\/[^/]+$/, () => ({ body: sealedEvent() })],
      [/^\/api\/v1\/events\/[^/]+\/comments$/, () => ({ body: { items: [], nextCursor: null } })],
      keysAnswer,
    ]);
    const id = javaVectors.proof.eventId;
    renderScreen(routes(<EventDetails id={id} catalog={catalogOptions(catalog, account.visibleCategories)} />), { route: `/log/${id}` });
    const region = await result();
    expect(await within(region).findByText('Verified')).toBeInTheDocument();
    const facts = within(region).getAllByRole('row').map((r) => r.textContent);
    expect(facts).toEqual(['Tree size11', expect.stringMatching(/^Tree head signed.*2026/), 'Keyaudit-1', 'Leaf6']);
    expect(calls.map((c) => c.url.pathname)).toEqual(expect.arrayContaining([`/api/v1/events/${id}/proof`, '/api/v1/integrity/keys']));
  });

  it('fails at the leaf when the entry differs from what was sealed', async () => {
    stubProof(javaVectors.proof);
    const changed = event();
    changed.details = { ...changed.details, amount: 2 };
    renderScreen(<IntegritySection event={changed} />);
    expect(await within(await result()).findByText(/^Verification failed: the entry's content does not match the leaf sealed for it/)).toBeInTheDocument();
    expect(screen.queryByText('Verified')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'How to verify offline' })).toHaveAttribute('href', '/integrity');
  });

  it('fails at the path when the proof was changed', async () => {
    const proof = clone(javaVectors.proof);
    proof.inclusionProof[0] = flip(proof.inclusionProof[0]);
    stubProof(proof);
    renderScreen(<IntegritySection event={event()} />);
    expect(await within(await result()).findByText('Verification failed: the inclusion proof does not lead to the signed root')).toBeInTheDocument();
  });

  it("fails at the head's signature when the head was changed, and at the key when it is not published", async () => {
    const proof = clone(javaVectors.proof);
    proof.treeHead.signature = flip(proof.treeHead.signature!);
    stubProof(proof);
    const { unmount } = renderScreen(<IntegritySection event={event()} />);
    expect(await within(await result()).findByText("Verification failed: the tree head's signature does not verify with key audit-1")).toBeInTheDocument();
    unmount();
    vi.unstubAllGlobals();
    const unknown = clone(javaVectors.proof);
    unknown.treeHead.keyId = 'audit-5';
    stubProof(unknown);
    renderScreen(<IntegritySection event={event()} />);
    expect(await screen.findByText(/^Verification failed: the tree head is signed with key audit-5, which is not among the published keys/)).toBeInTheDocument();
  });

  it('says "not sealed yet" on a 409', async () => {
    stubProof({ title: 'Not sealed yet', status: 409, detail: 'event is not sealed yet' }, 409);
    renderScreen(<IntegritySection event={event()} />);
    expect(await within(await result()).findByText('Not sealed yet — events are sealed within seconds')).toBeInTheDocument();
  });

  it('says quietly who may see seals on a 403, and that it cannot show one on other errors', async () => {
    stubProof({ title: 'Forbidden', status: 403 }, 403);
    const { unmount } = renderScreen(<IntegritySection event={event()} />);
    expect(await screen.findByText('Only audit admins can see the seal of an entry.')).toBeInTheDocument();
    unmount();
    vi.unstubAllGlobals();
    stubProof({ title: 'Unavailable', status: 503 }, 503);
    renderScreen(<IntegritySection event={event()} />);
    expect(await screen.findByText('The seal cannot be shown right now.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says a number beyond doubles cannot be checked in the browser, not that it failed', async () => {
    stubProof(javaVectors.proof);
    renderScreen(<IntegritySection event={JSON.parse(javaVectors.eventJson.replace('"int":100', '"int":1e400')) as AuditEvent} />);
    const region = await result();
    expect(await within(region).findByText('Not verifiable in the browser')).toBeInTheDocument();
    expect(within(region).getByText(/too large for the browser to read exactly.*Use the offline verifier/)).toBeInTheDocument();
    expect(within(region).queryByText(/Verification failed/)).not.toBeInTheDocument();
  });

  it("says a plan that hides details cannot check the seal (its leaf holds them)", async () => {
    stubServices([
      [/^\/api\/v1\/account$/, () => ({ body: { ...account, plan: 'STARTER', eventDetails: false } })],
      [/^\/api\/v1\/events\/[^/]+\/proof$/, () => ({ body: javaVectors.proof })],
      keysAnswer,
    ]);
    renderScreen(<IntegritySection event={{ ...event(), details: null }} />);
    expect(await within(await result()).findByText(/which your plan does not show/)).toBeInTheDocument();
  });
});
