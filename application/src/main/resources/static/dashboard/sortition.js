// SHA256-V1 draws recomputed in the browser, as docs/sortition.md defines them: the pool hash, the
// key string (RFC 3797, section 4) and, per group, the selection by SHA-256(J || key || J) modulo
// the candidates left. Pure functions of the published pool and draw; WebCrypto for SHA-256.
import { base64, hex, sha256, utf8 } from './bytes.js';

/**
 * JSON with integers beyond 2^53 kept exact (as BigInt), where the browser gives the source text
 * of each number to the reviver; a random source may hold such numbers.
 */
export function parseExact(text) {
  return JSON.parse(text, (key, value, context) => (typeof value === 'number' && !Number.isSafeInteger(value)
    && context?.source && /^-?\d+$/.test(context.source) ? BigInt(context.source) : value));
}

/** The key string: each source's numbers sorted ascending, each followed by "."; a string as is; then "/". */
export function keyString(sources) {
  return sources.map((s) => (typeof s === 'string' ? s
    : [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((n) => `${n.toString()}.`).join('')) + '/').join('');
}

/** SHA-256 of the lines "<applicationId>:<group>\n" in pool order, base64. */
export async function poolHash(applicants) {
  return base64(await sha256(utf8.encode(applicants.map((a) => `${a.applicationId}:${a.group}\n`).join(''))));
}

/** RFC 3797 selection with SHA-256: `count` rounds (or until none is left), each taking one candidate out. */
export async function select(candidates, key, count) {
  const left = [...candidates];
  const taken = [];
  const keyBytes = utf8.encode(key);
  for (let j = 0; j < count && left.length > 0; j++) {
    const input = new Uint8Array(keyBytes.length + 4);
    input[0] = (j >> 8) & 0xff;
    input[1] = j & 0xff;
    input.set(keyBytes, 2);
    input[keyBytes.length + 2] = (j >> 8) & 0xff;
    input[keyBytes.length + 3] = j & 0xff;
    const digest = await sha256(input);
    const place = Number(BigInt(`0x${hex(digest)}`) % BigInt(left.length));
    taken.push(left.splice(place, 1)[0]);
  }
  return taken;
}

function same(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Recomputes a SHA256-V1 draw from the published pool and draw. Returns the differences found,
 * each as {reason, group?}: none means the published draw is exactly what its inputs give.
 */
export async function recompute(pool, draw) {
  const differences = [];
  const hash = await poolHash(pool.applicants);
  if (hash !== pool.poolHash) {
    differences.push({ reason: 'poolHash' });
  }
  if (draw.poolHash !== pool.poolHash) {
    differences.push({ reason: 'drawHash' });
  }
  const key = keyString(draw.randomSources);
  if (key !== draw.key) {
    differences.push({ reason: 'key' });
  }
  for (const group of Object.keys(draw.seats).sort()) {
    const seats = draw.seats[group];
    const candidates = pool.applicants.filter((a) => a.group === group).map((a) => a.applicationId);
    const order = await select(candidates, `${key}${group}/`, seats + draw.alternatesPerGroup);
    const seated = Math.min(seats, order.length);
    if (!same(order.slice(0, seated), draw.selected[group] ?? []) || !same(order.slice(seated), draw.alternates[group] ?? [])) {
      differences.push({ reason: 'group', group });
    }
  }
  return differences;
}
