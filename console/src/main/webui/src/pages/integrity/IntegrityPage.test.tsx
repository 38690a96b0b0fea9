import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { clone, javaVectors } from '../../integrity/fixtures/vectors';
import { stubServices, type Call } from '../log/testing';
import IntegrityPage from './IntegrityPage';
import { verifierCommands } from './commands';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** jsdom's Blob has no text(). */
function read(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

function stub(head: unknown = javaVectors.proof.treeHead): Call[] {
  return stubServices([
    [/^\/api\/v1\/integrity\/tree-heads$/, () => ({ body: { items: head ? [head] : [] } })],
    [/^\/api\/v1\/integrity\/keys$/, () => ({ body: javaVectors.keys })],
  ]);
}

describe('the "Verify offline" page', () => {
  it('shows the newest head, verified here, and the published keys, each to download as the verifier reads them', async () => {
    const calls = stub();
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    renderScreen(<IntegrityPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'Verify offline' })).toBeInTheDocument();
    const head = screen.getByRole('region', { name: 'The newest tree head' });
    expect(await within(head).findByText('11')).toBeInTheDocument();
    expect(within(head).getByText(javaVectors.proof.treeHead.rootHash)).toBeInTheDocument();
    expect(await within(within(head).getByTestId('head-result')).findByText('Verified')).toBeInTheDocument();
    expect(calls.find((c) => c.url.pathname === '/api/v1/integrity/tree-heads')?.url.searchParams.get('limit')).toBe('1');

    const user = userEvent.setup();
    await user.click(within(head).getByRole('button', { name: 'Download head.json' }));
    const keys = screen.getByRole('region', { name: 'Published keys' });
    expect(within(keys).getByText('audit-0')).toBeInTheDocument();
    expect(within(keys).getByText('audit-1')).toBeInTheDocument();
    await user.click(within(keys).getByRole('button', { name: 'Download keys.json' }));
    expect(JSON.parse(await read(saved[0]))).toEqual(javaVectors.proof.treeHead);
    expect(JSON.parse(await read(saved[1]))).toEqual(javaVectors.keys);
  });

  it('says so when a head does not verify with the published keys', async () => {
    const head = clone(javaVectors.proof.treeHead);
    head.treeSize = 12;
    stub(head);
    renderScreen(<IntegrityPage />);
    expect(await screen.findByText("Verification failed: the tree head's signature does not verify with key audit-1")).toBeInTheDocument();
  });

  it('says when no head has been signed yet', async () => {
    stub(null);
    renderScreen(<IntegrityPage />);
    expect(await screen.findByText('No tree head has been signed yet.')).toBeInTheDocument();
  });

  it("gives each verifier command under its own heading with a button that copies it", async () => {
    stub();
    const user = userEvent.setup();
    renderScreen(<IntegrityPage />);
    await screen.findByText('11');
    const step = screen.getByRole('region', { name: '3. Check one entry' });
    const command = 'java -jar integrity-verify.jar verify-event --keys keys.json --tree-head head.json --event event.json --proof proof.json';
    expect(within(step).getByText(command)).toBeInTheDocument();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    await user.click(within(step).getByRole('button', { name: 'Copy: 3. Check one entry' }));
    expect(writeText).toHaveBeenCalledWith(command);
    expect(await within(step).findAllByText('Copied')).not.toHaveLength(0);
    for (const name of ['1. Get the verifier', '2. Fetch what to check', '4. Check that the log only grew', '5. Check the whole log', '6. Check a report']) {
      expect(within(screen.getByRole('region', { name })).getByRole('button', { name: `Copy: ${name}` })).toBeInTheDocument();
    }
    expect(screen.getByText(/verify-report --keys keys.json --manifest manifest.json --dir/)).toBeInTheDocument();
  });

  it("fetches the proof for the head it offers, on the console's own origin", () => {
    const commands = verifierCommands('https://audit.example', 11);
    expect(commands.fetch).toContain('ORIGIN=https://audit.example');
    expect(commands.fetch).toContain('"$ORIGIN/api/v1/events/$EVENT/proof?treeSize=11" -o proof.json');
    expect(commands.log).toContain('--leaves leaves.json --events events.ndjson');
    expect(commands.jar).toContain('./mvnw package');
  });
});
