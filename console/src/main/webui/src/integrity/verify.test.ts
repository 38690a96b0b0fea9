import { afterEach, describe, expect, it } from 'vitest';
import * as ed from '@noble/ed25519';
import { canonicalBytes } from './jcs';
import { forceEd25519Support, fromBase64, toBase64, verifyInclusion } from './crypto';
import { publishedKeys, verifyEvent, verifyHead } from './verify';
import { verifyManifest } from './manifest';
import { clone, javaVectors, listedReport, sealedEvent } from './fixtures/vectors';

const keys = publishedKeys(javaVectors.keys);
const bytes = (b64: string) => fromBase64(b64)!;

/** One bit of a base64 value flipped. */
function flip(b64: string): string {
  const b = bytes(b64);
  b[0] ^= 1;
  return toBase64(b);
}

afterEach(() => forceEd25519Support(null));

describe('inclusion proofs (RFC 9162 2.1.3.2)', () => {
  it("accepts every proof the Java library made, for every leaf of every size 1..12, and refuses them misplaced", async () => {
    for (const v of javaVectors.inclusion) {
      const proof = v.proof.map(bytes);
      expect(await verifyInclusion(v.index, v.size, bytes(v.leafHash), proof, bytes(v.root)), `leaf ${v.index} of ${v.size}`).toBe(true);
      if (v.size > 1) {
        expect(await verifyInclusion((v.index + 1) % v.size, v.size, bytes(v.leafHash), proof, bytes(v.root))).toBe(false);
        expect(await verifyInclusion(v.index, v.size, bytes(v.leafHash), proof.slice(1), bytes(v.root))).toBe(false);
      }
      expect(await verifyInclusion(v.index, v.size, bytes(v.leafHash), proof, bytes(flip(v.root)))).toBe(false);
      expect(await verifyInclusion(v.index, v.size, bytes(flip(v.leafHash)), proof, bytes(v.root))).toBe(false);
    }
  });
});

describe('an event against its proof', () => {
  it('verifies the event the Java library sealed: leaf, path, signed head', async () => {
    expect(await verifyEvent(sealedEvent(), javaVectors.proof, keys)).toEqual({
      status: 'verified',
      treeSize: 11,
      issuedAt: '2026-11-30T12:00:05Z',
      keyId: 'audit-1',
      leafIndex: 6,
    });
  });

  it('verifies the same with @noble/ed25519 where the browser has no WebCrypto Ed25519', async () => {
    forceEd25519Support(false);
    expect((await verifyEvent(sealedEvent(), javaVectors.proof, keys)).status).toBe('verified');
    const proof = clone(javaVectors.proof);
    proof.treeHead.signature = flip(proof.treeHead.signature!);
    expect(await verifyEvent(sealedEvent(), proof, keys)).toMatchObject({ status: 'failed', step: 'headSignature' });
  });

  it('fails at the leaf when the event was changed, derived fields aside', async () => {
    const changed = sealedEvent();
    (changed.details as Record<string, unknown>).amount = 1.25;
    expect(await verifyEvent(changed, javaVectors.proof, keys)).toMatchObject({ status: 'failed', step: 'leaf' });
    const rederived = sealedEvent();
    (rederived.context as Record<string, unknown>).browser = 'Chrome';
    rederived.links = {};
    expect((await verifyEvent(rederived, javaVectors.proof, keys)).status).toBe('verified');
  });

  it('fails at the path when a hash of the proof was changed', async () => {
    const proof = clone(javaVectors.proof);
    proof.inclusionProof[1] = flip(proof.inclusionProof[1]);
    expect(await verifyEvent(sealedEvent(), proof, keys)).toMatchObject({ status: 'failed', step: 'inclusion' });
    const moved = clone(javaVectors.proof);
    moved.leafIndex = 7;
    expect(await verifyEvent(sealedEvent(), moved, keys)).toMatchObject({ status: 'failed', step: 'inclusion' });
  });

  it("fails at the head's signature when the head was changed, and names an unknown key", async () => {
    const grown = clone(javaVectors.proof);
    grown.treeHead.issuedAt = '2026-11-30T12:00:06Z';
    expect(await verifyEvent(sealedEvent(), grown, keys)).toMatchObject({ status: 'failed', step: 'headSignature' });
    const unknown = clone(javaVectors.proof);
    unknown.treeHead.keyId = 'audit-9';
    expect(await verifyEvent(sealedEvent(), unknown, keys)).toMatchObject({ status: 'failed', step: 'headKey', subject: 'audit-9' });
    // The other published key is not the one that signed.
    const other = clone(javaVectors.proof);
    other.treeHead.keyId = 'audit-0';
    expect(await verifyEvent(sealedEvent(), other, keys)).toMatchObject({ status: 'failed', step: 'headSignature' });
  });

  it('refuses a proof of another event or account, and a malformed one', async () => {
    const other = clone(javaVectors.proof);
    other.eventId = 'another';
    expect(await verifyEvent(sealedEvent(), other, keys)).toMatchObject({ status: 'failed', step: 'proofEvent' });
    const event = sealedEvent();
    event.accountId = 'globex';
    expect(await verifyEvent(event, javaVectors.proof, keys)).toMatchObject({ status: 'failed', step: 'account' });
    const broken = clone(javaVectors.proof);
    broken.leafHash = 'not base64!';
    expect(await verifyEvent(sealedEvent(), broken, keys)).toMatchObject({ status: 'failed', step: 'proofMalformed' });
  });

  it('says it cannot verify a number beyond doubles or a newer leaf version, rather than failing', async () => {
    const event = JSON.parse(javaVectors.eventJson.replace('"int":100', '"int":1e400')) as Record<string, unknown>;
    expect(await verifyEvent(event, javaVectors.proof, keys)).toEqual({ status: 'unverifiable', reason: 'bigNumber' });
    const newer = clone(javaVectors.proof);
    newer.leafVersion = 2;
    expect(await verifyEvent(sealedEvent(), newer, keys)).toEqual({ status: 'unverifiable', reason: 'leafVersion' });
  });

  it('checks a head alone', async () => {
    expect((await verifyHead(javaVectors.proof.treeHead, keys)).status).toBe('verified');
    expect(await verifyHead({ ...javaVectors.proof.treeHead, format: 'other' }, keys)).toMatchObject({ step: 'headMalformed' });
  });
});

describe('a report manifest against the export API', () => {
  it('verifies the manifest, its head and its files', async () => {
    expect(await verifyManifest(javaVectors.manifest, listedReport(), keys)).toEqual({
      status: 'verified',
      treeSize: 11,
      issuedAt: '2026-11-30T12:00:05Z',
      keyId: 'audit-1',
      files: 2,
    });
  });

  it('fails at the signature of a changed manifest, and at the head inside a properly signed one', async () => {
    const changed = clone(javaVectors.manifest);
    changed.rows = 1499;
    expect(await verifyManifest(changed, listedReport(), keys)).toMatchObject({ status: 'failed', step: 'manifestSignature' });
    expect(await verifyManifest(javaVectors.manifestBadHead, listedReport(), keys)).toMatchObject({ status: 'failed', step: 'headSignature' });
    const unknown = { ...clone(javaVectors.manifest), keyId: 'audit-7' };
    expect(await verifyManifest(unknown, listedReport(), keys)).toMatchObject({ status: 'failed', step: 'manifestKey' });
  });

  it('verifies an empty report signed while nothing was sealed (no tree head), and refuses a headless one with rows', async () => {
    // Signed here with a fresh key over our own JCS (held to Java's by the vectors above).
    const secret = ed.utils.randomSecretKey();
    const signer = new Map([...keys, ['audit-9', (await ed.getPublicKeyAsync(secret)) as Uint8Array<ArrayBuffer>]]);
    const sign = async (unsigned: Record<string, unknown>) => ({
      ...unsigned,
      signature: toBase64(await ed.signAsync(canonicalBytes(unsigned), secret)),
    });
    const { signature: _ignored, ...base } = clone(javaVectors.manifest);
    const empty = { ...base, keyId: 'audit-9', rows: 0, treeHead: null, proof: null, files: [base.files[0]] };
    empty.files[0] = { ...empty.files[0], rows: 0 };
    const report = listedReport();
    report.files = [report.files[0]];
    report.manifest = { url: 'm', proofUrl: null, treeSize: 0 };
    expect(await verifyManifest(await sign(empty), report, signer)).toEqual({ status: 'verified', treeSize: 0, issuedAt: null, keyId: 'audit-9', files: 1 });
    expect(await verifyManifest(await sign({ ...empty, rows: 3 }), report, signer)).toMatchObject({ status: 'failed', step: 'manifestMalformed' });
    expect(await verifyManifest(await sign(empty), { ...report, manifest: { ...report.manifest, treeSize: 5 } }, signer)).toMatchObject({
      status: 'failed',
      step: 'treeSize',
    });
  });

  it('fails at the files when the export API lists other files than the manifest signed', async () => {
    const report = listedReport();
    report.files[1].sha256 = '0'.repeat(64);
    expect(await verifyManifest(javaVectors.manifest, report, keys)).toMatchObject({ status: 'failed', step: 'files', subject: javaVectors.manifest.files[1].name });
    const fewer = listedReport();
    fewer.files.pop();
    expect(await verifyManifest(javaVectors.manifest, fewer, keys)).toMatchObject({ status: 'failed', step: 'files' });
    const noProof = listedReport();
    noProof.manifest = { ...noProof.manifest!, proofUrl: null };
    expect(await verifyManifest(javaVectors.manifest, noProof, keys)).toMatchObject({ status: 'failed', step: 'proofFile' });
    const another = { ...listedReport(), id: 'another-report' };
    expect(await verifyManifest(javaVectors.manifest, another, keys)).toMatchObject({ status: 'failed', step: 'manifestReport' });
  });
});
