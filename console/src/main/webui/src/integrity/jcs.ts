/**
 * RFC 8785 JSON Canonicalization Scheme over values as JSON.parse gives them, the same scheme the integrity library
 * (Java, `io.auditlog.integrity.CanonicalJson`) seals events with: object members sorted by their names' UTF-16
 * code units (JavaScript's own string order), no whitespace, strings with only the escapes RFC 8785 3.2.2.2 allows,
 * numbers as ECMAScript writes a double (`String(n)`, which is what RFC 8785 prescribes).
 *
 * What cannot be canonicalized here the same way as in Java is refused with {@link NotCanonicalizable}, never
 * guessed: a number no double holds (JSON.parse made it Infinity, while the library writes its decimal text as a
 * string), and a lone surrogate in a string (UTF-8 has no form for it; Java and the browser replace it differently).
 */
export class NotCanonicalizable extends Error {
  constructor(readonly reason: 'number' | 'string', readonly path: string) {
    super(`${path}: ${reason === 'number' ? 'a number beyond the range of a double' : 'a string with a lone surrogate'}`);
    this.name = 'NotCanonicalizable';
  }
}

// In a `u` regexp a paired surrogate is one code point, so this matches only a surrogate without its partner.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export function canonicalize(value: unknown): string {
  const out: string[] = [];
  write(value, '$', out);
  return out.join('');
}

/** The UTF-8 bytes of the canonical form: what is hashed or signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}

function write(value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('null');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotCanonicalizable('number', path);
    // String(-0) is "0", as RFC 8785 wants it.
    out.push(String(value));
  } else if (typeof value === 'string') {
    out.push(string(value, path));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      write(item, `${path}[${i}]`, out);
    });
    out.push(']');
  } else if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, exactly RFC 8785 3.2.3's order (not the locale's).
    const names = Object.keys(record).sort();
    out.push('{');
    names.forEach((name, i) => {
      if (i > 0) out.push(',');
      out.push(string(name, path), ':');
      write(record[name], `${path}.${name}`, out);
    });
    out.push('}');
  } else {
    throw new TypeError(`${path}: not a JSON value (${typeof value})`);
  }
}

function string(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new NotCanonicalizable('string', path);
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20) out += `\\u00${c.toString(16).padStart(2, '0')}`;
    else out += s[i];
  }
  return out + '"';
}
