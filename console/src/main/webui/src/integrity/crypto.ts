/**
 * The hashing and signature checks of RFC 9162 (Certificate Transparency v2) as the integrity library
 * (`io.auditlog.integrity.Merkle`, `TreeHead`) uses them, on the browser's WebCrypto: SHA-256 by
 * `crypto.subtle.digest`, Ed25519 by `crypto.subtle.verify` where the browser has it, else by @noble/ed25519
 * (loaded only then).
 */

export type Bytes = Uint8Array<ArrayBuffer>;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
export const HASH_SIZE = 32;

export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', copy(data)));
}

/** SHA-256(0x00 || data): an RFC 9162 leaf. */
export function leafHash(data: Uint8Array): Promise<Bytes> {
  return sha256(concat(Uint8Array.of(LEAF_PREFIX), data));
}

/** SHA-256(0x01 || left || right): an RFC 9162 inner node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return sha256(concat(Uint8Array.of(NODE_PREFIX), left, right));
}

/**
 * RFC 9162 2.1.3.2: whether `proof` (the audit path) leads from the leaf hash at `index` to `root` in the tree of
 * `size` leaves. Sizes are JSON numbers: exact up to 2^53, far beyond any one account's log.
 */
export async function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  // BigInt: the RFC's bit operations on sizes above 2^31 would overflow JavaScript's 32-bit `>>>`.
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (p.length !== HASH_SIZE || sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equal(r, root);
}

/** Ed25519 (RFC 8032) verification of `signature` over `message` with a raw 32-byte public key. */
export async function verifyEd25519(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  if (await webCryptoHasEd25519()) {
    const key = await crypto.subtle.importKey('raw', copy(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return crypto.subtle.verify({ name: 'Ed25519' }, key, copy(signature), copy(message));
  }
  const noble = await import('@noble/ed25519');
  // RFC 8032's strict checks (not ZIP-215's looser ones), as the JDK's provider and WebCrypto apply them.
  return noble.verifyAsync(signature, message, publicKey, { zip215: false });
}

let ed25519Support: Promise<boolean> | null = null;

/** Whether this browser's WebCrypto knows Ed25519 (Chromium 137+, Firefox 129+, Safari 17+), asked once. */
export function webCryptoHasEd25519(): Promise<boolean> {
  ed25519Support ??= crypto.subtle
    .importKey('raw', new Uint8Array(32).fill(1), { name: 'Ed25519' }, false, ['verify'])
    .then(
      () => true,
      () => false,
    );
  return ed25519Support;
}

/** For tests: take the library's path as a browser without WebCrypto Ed25519 would. */
export function forceEd25519Support(supported: boolean | null): void {
  ed25519Support = supported === null ? null : Promise.resolve(supported);
}

/** Standard base64 (hashes and signatures in heads and proofs); null when it is not base64. */
export function fromBase64(text: unknown): Bytes | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Base64url without padding (a JWK's `x`); null when it is not. */
export function fromBase64Url(text: unknown): Bytes | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A copy in this realm's own ArrayBuffer: WebCrypto refuses views of buffers it does not recognise (a test's jsdom
 * realm), and a copy costs nothing at these sizes.
 */
function copy(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}
