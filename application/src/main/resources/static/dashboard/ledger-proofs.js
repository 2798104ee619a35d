// The ledger's formats as docs/audit.md defines them, checked in the browser with WebCrypto:
// RFC 8785 canonical JSON of an export object, the leaf hash SHA-256(0x00 || line), inclusion
// proofs (RFC 9162, 2.1.3.2), C2SP signed notes and their Ed25519 signature, and the note
// verifier key "<name>+<hex key hash>+<base64(0x01 || public key)>".
import { base64, concat, equalBytes, fromBase64, hex, sha256, utf8 } from './bytes.js';

/**
 * RFC 8785 (JCS) for the values of an export line: members sorted by their UTF-16 code units
 * (JavaScript's default string order), no white space, strings escaped as JSON.stringify does
 * (which is JCS's escaping), numbers written as ECMAScript writes them. Export lines hold no
 * floating-point numbers and no integer beyond 2^53 (docs/audit.md, section 1).
 */
export function canonicalize(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error('a number JSON cannot hold');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalize).join(',')}]`;
  }
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalize(value[k])}`).join(',')}}`;
}

export async function leafHash(lineBytes) {
  return sha256(concat(Uint8Array.of(0), lineBytes));
}

async function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/**
 * The root an inclusion proof leads to from a leaf hash (RFC 9162, 2.1.3.2), or null when the
 * proof cannot be one for that leaf index and tree size.
 */
export async function rootFromInclusion(leafIndex, treeSize, leaf, path) {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) {
    return null;
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) {
      return null;
    }
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * A signed note: the body (everything before the last blank line, with its final newline), the
 * checkpoint's three lines, and the signature lines "— <name> <base64>".
 */
export function parseNote(text) {
  const split = text.lastIndexOf('\n\n');
  if (split < 0) {
    throw new Error('not a signed note: no blank line');
  }
  const body = text.slice(0, split + 1);
  const lines = body.split('\n');
  if (lines.length !== 4 || !/^\d+$/.test(lines[1])) {
    throw new Error('not a checkpoint: origin, size and root expected');
  }
  const signatures = text.slice(split + 2).split('\n').filter((l) => l.length > 0).map((line) => {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match) {
      throw new Error(`not a signature line: ${line.slice(0, 60)}`);
    }
    return { name: match[1], bytes: fromBase64(match[2]) };
  });
  return { body, origin: lines[0], size: Number(lines[1]), root: fromBase64(lines[2]), rootText: lines[2], signatures };
}

/** "<name>+<8 hex digits>+<base64 of 0x01 || 32-byte Ed25519 key>"; the base64 may itself hold "+". */
export function parseVerifierKey(text) {
  const key = text.trim();
  const first = key.indexOf('+');
  const second = key.indexOf('+', first + 1);
  if (first <= 0 || second < 0) {
    throw new Error('not a verifier key');
  }
  const raw = fromBase64(key.slice(second + 1));
  if (raw.length !== 33 || raw[0] !== 1) {
    throw new Error('not an Ed25519 verifier key');
  }
  return { text: key, name: key.slice(0, first), keyHash: key.slice(first + 1, second).toLowerCase(), publicKey: raw.slice(1) };
}

/** The key hash: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), in hex. */
export async function keyHashOf(name, publicKey) {
  return hex((await sha256(concat(utf8.encode(name), Uint8Array.of(0x0a, 0x01), publicKey))).slice(0, 4));
}

/** The key's fingerprint to compare by eye: SHA-256 of the public key, in groups of four hex digits. */
export async function fingerprint(publicKey) {
  return hex(await sha256(publicKey)).match(/.{4}/g).join(' ');
}

/** Whether the Ed25519 signature is the key's over the bytes; throws when the browser has no Ed25519. */
export async function verifyEd25519(publicKey, signature, bytes) {
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, bytes);
}

export { base64, equalBytes, fromBase64, hex, utf8 };
