import { fromBase64, type Bytes } from './crypto';
import { isHead, MANIFEST_FORMAT, signatureHolds, unverifiable, verifyHead, type ManifestStep, type Outcome, type TreeHead } from './verify';

/** A report's signed manifest (`GET /api/v1/exports/{id}/manifest`, the export-service's contract). */
export interface Manifest {
  format: string;
  exportId: string;
  accountId: string;
  request: Record<string, unknown>;
  completedAt: string;
  rows: number;
  files: { number: number; name: string; bytes: number; rows: number; sha256: string }[];
  proof: { name: string; bytes: number; sha256: string } | null;
  /** Null only for a report of no rows from an account whose log had nothing sealed yet. */
  treeHead: TreeHead | null;
  keyId: string;
  signature: string;
  [member: string]: unknown;
}

/** What the export API lists of the report, which the manifest must agree with. */
export interface ListedReport {
  id: string;
  files: { number: number; name: string; bytes: number; sha256?: string | null }[];
  manifest: { url: string; proofUrl: string | null; treeSize: number } | null;
}

export interface ManifestFacts {
  treeSize: number;
  /** The tree head's time; null for an empty report signed without a head. */
  issuedAt: string | null;
  keyId: string;
  files: number;
}

/**
 * A manifest against the published keys and the report as the export API lists it: the manifest is signed by a
 * published key, so is the tree head in it (of the same account), and its files (names, sizes, SHA-256) are the
 * report's files. The files' contents are not hashed here (a report may be gigabytes): the offline verifier's
 * `verify-report --dir` does that with the downloaded files.
 */
export async function verifyManifest(manifest: unknown, report: ListedReport, keys: Map<string, Bytes>): Promise<Outcome<ManifestStep, ManifestFacts>> {
  if (!isManifest(manifest)) return { status: 'failed', step: 'manifestMalformed' };
  const key = keys.get(manifest.keyId);
  if (!key) return { status: 'failed', step: 'manifestKey', subject: manifest.keyId };
  try {
    if (!(await signatureHolds(manifest, key))) return { status: 'failed', step: 'manifestSignature', subject: manifest.keyId };
  } catch (error) {
    return unverifiable(error);
  }
  if (manifest.treeHead === null) {
    // Nothing sealed to name: acceptable only when there is nothing to prove, as verify-report also holds.
    if (manifest.rows !== 0) return { status: 'failed', step: 'manifestMalformed' };
  } else {
    const head = await verifyHead(manifest.treeHead, keys);
    if (head.status !== 'verified') return head;
    if (manifest.treeHead.accountId !== manifest.accountId) return { status: 'failed', step: 'headAccount', subject: manifest.treeHead.accountId };
  }
  if (manifest.exportId !== report.id) return { status: 'failed', step: 'manifestReport', subject: manifest.exportId };
  const treeSize = manifest.treeHead?.treeSize ?? 0;
  if (report.manifest && report.manifest.treeSize !== treeSize) return { status: 'failed', step: 'treeSize', subject: String(treeSize) };
  const listed = new Map(report.files.map((f) => [f.number, f]));
  if (manifest.files.length !== report.files.length) return { status: 'failed', step: 'files', subject: String(manifest.files.length) };
  for (const file of manifest.files) {
    const other = listed.get(file.number);
    if (!other || other.name !== file.name || other.bytes !== file.bytes || (other.sha256 ?? '').toLowerCase() !== file.sha256.toLowerCase()) {
      return { status: 'failed', step: 'files', subject: file.name };
    }
  }
  // A proof file is named in the signed manifest exactly when the export API offers one to download.
  if ((manifest.proof === null) !== (report.manifest?.proofUrl == null)) return { status: 'failed', step: 'proofFile' };
  return { status: 'verified', treeSize, issuedAt: manifest.treeHead?.issuedAt ?? null, keyId: manifest.keyId, files: manifest.files.length };
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function isManifest(value: unknown): value is Manifest {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  const fileOk = (f: unknown) => {
    const file = f as Record<string, unknown> | null;
    return !!file && typeof file.name === 'string' && typeof file.bytes === 'number' && typeof file.sha256 === 'string' && HEX_SHA256.test(file.sha256);
  };
  return (
    m.format === MANIFEST_FORMAT &&
    typeof m.exportId === 'string' &&
    typeof m.accountId === 'string' &&
    typeof m.keyId === 'string' &&
    fromBase64(m.signature) !== null &&
    Array.isArray(m.files) &&
    m.files.every((f) => fileOk(f) && typeof (f as Record<string, unknown>).number === 'number') &&
    (m.proof === null || fileOk(m.proof)) &&
    typeof m.rows === 'number' &&
    (m.treeHead === null || isHead(m.treeHead))
  );
}
