// Bytes as the proof checks show them: 0x-hex in, 0x-hex out.

export function fromHex(hex) {
  const digits = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (digits.length % 2 || /[^0-9a-fA-F]/.test(digits)) throw new Error(`not hex: ${hex}`);
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

export const toHex = (bytes) => '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export const utf8 = (text) => new TextEncoder().encode(text);

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A 32-byte big-endian word of a non-negative integer (a decimal string, a number or a BigInt). */
export function word(value) {
  let n = BigInt(value);
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0 && n > 0n; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

export function compare(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
