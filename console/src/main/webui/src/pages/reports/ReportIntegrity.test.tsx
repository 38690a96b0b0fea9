import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderScreen } from '../../test/render';
import { clone, javaVectors, listedReport } from '../../integrity/fixtures/vectors';
import { stubServices, type Call } from '../log/testing';
import ReportsPage from './ReportsPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const id = javaVectors.manifest.exportId;

/** The export-service and the keys as the services answer them: the report (with files), its manifest, its list. */
function stub({ report = listedReport(), manifest = javaVectors.manifest as unknown }: { report?: ReturnType<typeof listedReport>; manifest?: unknown } = {}): Call[] {
  return stubServices([
    [/^\/api\/v1\/exports\/[^/]+\/manifest$/, () => ({ body: manifest, headers: { 'Content-Disposition': `attachment; filename="${id}-manifest.json"` } })],
    [/^\/api\/v1\/exports\/[^/]+\/proof$/, () => ({ body: { proof: true } })],
    [/^\/api\/v1\/exports\/[^/]+$/, () => ({ body: report })],
    [/^\/api\/v1\/exports$/, () => ({ body: { items: [{ ...report, files: [] }], nextCursor: null } })],
    [/^\/api\/v1\/integrity\/keys$/, () => ({ body: javaVectors.keys })],
    [/^\/api\/v1\/events$/, () => ({ body: { items: [], nextCursor: null } })],
  ]);
}

function open() {
  renderScreen(
    <Routes>
      <Route path="/reports/:reportId" element={<ReportsPage />} />
    </Routes>,
    { route: `/reports/${id}` },
  );
  return screen.findByRole('region', { name: 'Report' });
}

describe("a report's signed manifest, checked in the browser", () => {
  it('shows "Verified" on the report and in the list, with the manifest and proof to download', async () => {
    const calls = stub();
    const detail = await open();
    const result = await within(detail).findByTestId(`report-integrity-${id}`);
    expect(result).toHaveAttribute('aria-live', 'polite');
    expect(await within(result).findByText('Verified')).toBeInTheDocument();
    expect(within(result).getByText(/its 2 files are the ones listed here/)).toBeInTheDocument();
    // The list marks it too (its own copy of the check, on the same answers).
    const row = (await screen.findAllByTestId(`report-integrity-${id}`)).find((e) => !detail.contains(e))!;
    expect(await within(row).findByText('Verified')).toBeInTheDocument();

    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:manifest');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const user = userEvent.setup();
    await user.click(within(detail).getByRole('button', { name: 'Download manifest' }));
    await user.click(within(detail).getByRole('button', { name: 'Download proof' }));
    const downloads = calls.filter((c) => /\/(manifest|proof)$/.test(c.url.pathname)).map((c) => c.url.pathname);
    expect(downloads).toEqual(expect.arrayContaining([`/api/v1/exports/${id}/proof`]));
    expect(downloads.filter((p) => p.endsWith('/manifest')).length).toBeGreaterThanOrEqual(2);
  });

  it('fails at the signature of a changed manifest', async () => {
    const changed = clone(javaVectors.manifest);
    changed.files[0].bytes += 1;
    stub({ manifest: changed });
    const detail = await open();
    expect(await within(detail).findByText("Verification failed: the manifest's signature does not verify with key audit-1: the manifest was changed")).toBeInTheDocument();
    expect(within(detail).queryByText('Verified')).not.toBeInTheDocument();
  });

  it("fails at the tree head when the manifest's head is not signed by the log", async () => {
    stub({ manifest: javaVectors.manifestBadHead });
    const detail = await open();
    expect(await within(detail).findByText("Verification failed: the tree head's signature does not verify with key audit-1")).toBeInTheDocument();
  });

  it('fails at the files when the export API lists a file the manifest did not sign', async () => {
    const report = listedReport();
    report.files[0].sha256 = 'f'.repeat(64);
    stub({ report });
    const detail = await open();
    expect(await within(detail).findByText(`Verification failed: the report's files differ from those the manifest signed (${report.files[0].name})`)).toBeInTheDocument();
  });

  it('says "No manifest" for a report without one, and asks for none', async () => {
    const calls = stub({ report: { ...listedReport(), manifest: null } });
    const detail = await open();
    expect(await within(detail).findByText('No manifest')).toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: 'Download manifest' })).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.pathname.endsWith('/manifest'))).toBe(false);
  });

  it('says quietly that it cannot check when the manifest cannot be fetched', async () => {
    stubServices([
      [/^\/api\/v1\/exports\/[^/]+\/manifest$/, () => ({ status: 503, body: { title: 'Unavailable', status: 503 } })],
      [/^\/api\/v1\/exports\/[^/]+$/, () => ({ body: listedReport() })],
      [/^\/api\/v1\/exports$/, () => ({ body: { items: [], nextCursor: null } })],
      [/^\/api\/v1\/integrity\/keys$/, () => ({ body: javaVectors.keys })],
    ]);
    const detail = await open();
    expect(await within(detail).findByText('The manifest cannot be checked right now.')).toBeInTheDocument();
  });
});
