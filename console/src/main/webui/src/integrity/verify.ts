import { canonicalBytes, NotCanonicalizable } from './jcs';
import { equal, fromBase64, fromBase64Url, HASH_SIZE, leafHash, verifyEd25519, verifyInclusion, type Bytes } from './crypto';

/**
 * The checks the console runs in the browser on what the services publish, the same ones the offline verifier
 * (`io.auditlog.integrity.Verifier`) runs: every "Verified" the console shows is the outcome of these, never a
 * field the service sent. A failure names its step, so the screen can say which check did not hold.
 */

export interface TreeHead {
  format: string;
  accountId: string;
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  keyId: string;
  signature: string | null;
  [member: string]: unknown;
}

export interface EventProof {
  eventId: string;
  leafIndex: number;
  leafHash: string;
  leafVersion: number;
  treeHead: TreeHead;
  inclusionProof: string[];
}

export interface Jwk {
  kty: string;
  crv?: string;
  kid?: string;
  x?: string;
  [member: string]: unknown;
}

export interface KeySet {
  keys: Jwk[];
}

export const HEAD_FORMAT = 'auditlog-tree-head-v1';
export const MANIFEST_FORMAT = 'auditlog-report-manifest-v1';
export const LEAF_VERSION = 1;

/** Why a check could not be made in the browser at all (not a failure: the offline verifier can make it). */
export type Unverifiable = 'bigNumber' | 'loneSurrogate' | 'leafVersion' | 'planHidesDetails';

export type HeadStep = 'headMalformed' | 'headKey' | 'headSignature';
export type EventStep = HeadStep | 'proofMalformed' | 'proofEvent' | 'account' | 'leaf' | 'inclusion';
export type ManifestStep =
  | HeadStep
  | 'manifestMalformed'
  | 'manifestKey'
  | 'manifestSignature'
  | 'headAccount'
  | 'manifestReport'
  | 'treeSize'
  | 'files'
  | 'proofFile';

export type Outcome<Step, Facts> =
  | ({ status: 'verified' } & Facts)
  | { status: 'failed'; step: Step; subject?: string }
  | { status: 'unverifiable'; reason: Unverifiable };

export interface EventFacts {
  treeSize: number;
  issuedAt: string;
  keyId: string;
  leafIndex: number;
}

/** The Ed25519 keys of a JWK set by key id (other key types are not the log's and are passed over). */
export function publishedKeys(set: KeySet | null | undefined): Map<string, Bytes> {
  const keys = new Map<string, Bytes>();
  for (const jwk of set?.keys ?? []) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.kid !== 'string') continue;
    const raw = fromBase64Url(jwk.x);
    if (raw && raw.length === 32) keys.set(jwk.kid, raw);
  }
  return keys;
}

/** Ed25519 over the RFC 8785 form of every member but `signature`: how heads and manifests are signed. */
export async function signatureHolds(document: Record<string, unknown>, key: Bytes): Promise<boolean> {
  const signature = fromBase64(document.signature);
  if (!signature) return false;
  const { signature: _ignored, ...signed } = document;
  return verifyEd25519(key, signature, canonicalBytes(signed));
}

/** A signed tree head against the published keys. */
export async function verifyHead(head: unknown, keys: Map<string, Bytes>): Promise<Outcome<HeadStep, object>> {
  if (!isHead(head)) return { status: 'failed', step: 'headMalformed' };
  const key = keys.get(head.keyId);
  if (!key) return { status: 'failed', step: 'headKey', subject: head.keyId };
  try {
    if (!(await signatureHolds(head, key))) return { status: 'failed', step: 'headSignature', subject: head.keyId };
  } catch (error) {
    return unverifiable(error);
  }
  return { status: 'verified' };
}

/**
 * An event as `GET /api/v1/events/{id}` returned it against its proof (`GET /api/v1/events/{id}/proof`): the leaf
 * recomputed from the event is the sealed one, the audit path leads from it to the head's root, and the head is
 * signed by a published key.
 */
export async function verifyEvent(event: Record<string, unknown>, proof: EventProof, keys: Map<string, Bytes>): Promise<Outcome<EventStep, EventFacts>> {
  if (proof.leafVersion !== LEAF_VERSION) return { status: 'unverifiable', reason: 'leafVersion' };
  const head = proof.treeHead;
  if (!isHead(head)) return { status: 'failed', step: 'headMalformed' };
  const sealed = fromBase64(proof.leafHash);
  const path = Array.isArray(proof.inclusionProof) ? proof.inclusionProof.map(fromBase64) : null;
  const root = fromBase64(head.rootHash);
  if (!sealed || sealed.length !== HASH_SIZE || !path || path.some((p) => !p || p.length !== HASH_SIZE) || !root || !Number.isSafeInteger(proof.leafIndex)) {
    return { status: 'failed', step: 'proofMalformed' };
  }
  if (proof.eventId !== event.id) return { status: 'failed', step: 'proofEvent', subject: String(proof.eventId) };
  if (event.accountId !== head.accountId) return { status: 'failed', step: 'account', subject: head.accountId };
  let computed: Bytes;
  try {
    computed = await leafHash(canonicalBytes(projection(event)));
  } catch (error) {
    return unverifiable(error);
  }
  if (!equal(computed, sealed)) return { status: 'failed', step: 'leaf' };
  if (!(await verifyInclusion(proof.leafIndex, head.treeSize, sealed, path as Bytes[], root))) return { status: 'failed', step: 'inclusion' };
  const signed = await verifyHead(head, keys);
  if (signed.status !== 'verified') return signed;
  return { status: 'verified', treeSize: head.treeSize, issuedAt: head.issuedAt, keyId: head.keyId, leafIndex: proof.leafIndex };
}

const TOP = ['accountId', 'id', 'occurredAt', 'recordedAt', 'category', 'subcategory', 'action'];
const ACTOR = ['id', 'email', 'name', 'type', 'department', 'teams'];
const OBJECT = ['type', 'id', 'name', 'path', 'itemType'];
const CONTEXT = ['ip', 'userAgent', 'loginType', 'country', 'region'];

/**
 * The version-1 leaf projection (`io.auditlog.integrity.EventLeaf`): a fixed set of the event's fields, a missing
 * one as null; what the service derives when it answers (browser, OS, device, links) is left out.
 */
export function projection(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { leafVersion: LEAF_VERSION };
  for (const name of TOP) out[name] = event[name] ?? null;
  out.actor = pick(event.actor, ACTOR);
  out.object = pick(event.object, OBJECT);
  out.context = pick(event.context, CONTEXT);
  out.details = event.details ?? null;
  return out;
}

function pick(value: unknown, names: string[]): unknown {
  if (value === null || value === undefined) return null;
  // Not an object: taken as it is, as the Java projection does.
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, record[name] ?? null]));
}

export function isHead(head: unknown): head is TreeHead {
  if (!head || typeof head !== 'object') return false;
  const h = head as Record<string, unknown>;
  return (
    h.format === HEAD_FORMAT &&
    typeof h.accountId === 'string' &&
    typeof h.treeSize === 'number' &&
    Number.isSafeInteger(h.treeSize) &&
    h.treeSize >= 0 &&
    typeof h.rootHash === 'string' &&
    fromBase64(h.rootHash)?.length === HASH_SIZE &&
    typeof h.issuedAt === 'string' &&
    typeof h.keyId === 'string' &&
    typeof h.signature === 'string'
  );
}

export function unverifiable(error: unknown): { status: 'unverifiable'; reason: Unverifiable } {
  if (error instanceof NotCanonicalizable) return { status: 'unverifiable', reason: error.reason === 'number' ? 'bigNumber' : 'loneSurrogate' };
  throw error;
}
