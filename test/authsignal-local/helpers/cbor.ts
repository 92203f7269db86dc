// Minimal CBOR encoder (RFC 8949), test-only: just the types WebAuthn attestation objects and
// COSE keys need — integers, byte strings, text strings, arrays and maps.

export type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue>;

function head(major: number, length: number): Uint8Array {
  if (length < 24) return Uint8Array.of((major << 5) | length);
  if (length < 0x100) return Uint8Array.of((major << 5) | 24, length);
  if (length < 0x10000) return Uint8Array.of((major << 5) | 25, length >> 8, length & 0xff);
  if (length < 0x100000000) {
    const out = new Uint8Array(5);
    out[0] = (major << 5) | 26;
    new DataView(out.buffer).setUint32(1, length);
    return out;
  }
  throw new RangeError('CBOR value too large for this encoder');
}

export function encodeCbor(value: CborValue): Uint8Array {
  const parts: Uint8Array[] = [];
  const walk = (v: CborValue): void => {
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new TypeError('only integers are supported');
      parts.push(v >= 0 ? head(0, v) : head(1, -1 - v));
    } else if (typeof v === 'string') {
      const bytes = new TextEncoder().encode(v);
      parts.push(head(3, bytes.length), bytes);
    } else if (v instanceof Uint8Array) {
      parts.push(head(2, v.length), v);
    } else if (Array.isArray(v)) {
      parts.push(head(4, v.length));
      v.forEach(walk);
    } else {
      parts.push(head(5, v.size));
      for (const [k, item] of v) {
        walk(k);
        walk(item);
      }
    }
  };
  walk(value);
  return concat(...parts);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
