// "Is my act in the ledger?": the browser fetches the signed checkpoint, the verifier key, the
// event's inclusion proof and its line of the public export, and checks everything itself
// (docs/audit.md, section 8): the key's hash, the checkpoint's Ed25519 signature, the line's
// canonical form and leaf hash, and the proof from that leaf hash up to the signed root.
import { el, fill, fmtDateTime, frame, get, t } from './app.js';
import {
  base64, canonicalize, equalBytes, fingerprint, fromBase64, hex, keyHashOf, leafHash, parseNote, parseVerifierKey,
  rootFromInclusion, utf8, verifyEd25519,
} from './ledger-proofs.js';

frame('verify');
const secure = window.isSecureContext && Boolean(window.crypto?.subtle);
const form = document.getElementById('verify-form');
const input = document.getElementById('event-id');
const button = document.getElementById('verify-button');
const status = document.getElementById('verify-status');
const result = document.getElementById('verify-result');
const RETRIES = 5;
const RETRY_MS = 2000;

/** A receipt's eventId, from the id itself or a pasted receipt ({"eventId": ...} or {"receipt": {...}}). */
function eventIdOf(text) {
  const value = text.trim();
  if (value.startsWith('{')) {
    try {
      const json = JSON.parse(value);
      return String(json.eventId ?? json.receipt?.eventId ?? '');
    } catch {
      return value;
    }
  }
  return value;
}

class Failure extends Error {}

async function text(path) {
  const r = await get(path, { json: false });
  if (!r.ok) {
    const e = new Failure(`HTTP ${r.status} ${path.split('?')[0]}`);
    e.status = r.status;
    throw e;
  }
  return r.text;
}

async function json(path) {
  return JSON.parse(await text(path));
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** The checkpoint and the proof for it, waiting (a few times) for an event not covered by a checkpoint yet. */
async function proofFor(eventId) {
  for (let attempt = 0; ; attempt++) {
    const note = parseNote(await text('/api/v1/audit/checkpoint'));
    const r = await get(`/api/v1/audit/proofs/inclusion?eventId=${encodeURIComponent(eventId)}&treeSize=${note.size}`);
    if (r.ok) {
      return { note, proof: r.json };
    }
    if (r.status !== 404 || attempt >= RETRIES) {
      throw new Failure(r.status === 404 ? t('verify.notFound') : `HTTP ${r.status}`);
    }
    status.textContent = t('verify.waiting', { seconds: RETRY_MS / 1000 });
    await sleep(RETRY_MS);
  }
}

async function check(eventId) {
  const steps = [];
  const step = (ok, message) => {
    steps.push({ ok, message });
  };
  const { note, proof } = await proofFor(eventId);
  step(true, t('verify.step.checkpoint', { size: note.size, origin: note.origin }));

  const key = parseVerifierKey(await text('/api/v1/audit/verifier-key'));
  showKey(key);
  const keyHashOk = (await keyHashOf(key.name, key.publicKey)) === key.keyHash && note.origin === key.name;
  step(keyHashOk, t(keyHashOk ? 'verify.step.keyHash' : 'verify.step.keyHashBad', { hash: key.keyHash }));
  const signature = note.signatures.find((s) => s.name === key.name && s.bytes.length === 68
    && hex(s.bytes.slice(0, 4)) === key.keyHash);
  if (!signature) {
    step(false, t('verify.step.noSignature'));
  } else {
    let valid;
    try {
      valid = await verifyEd25519(key.publicKey, signature.bytes.slice(4), utf8.encode(note.body));
    } catch (e) {
      throw new Failure(t('verify.ed25519'));
    }
    step(valid, t(valid ? 'verify.step.signature' : 'verify.step.signatureBad'));
  }

  const path = proof.auditPath.map(fromBase64);
  step(proof.treeSize === note.size, t('verify.step.proof', { leaf: proof.leafIndex, size: proof.treeSize, steps: path.length }));

  const page = await text(`/api/v1/audit/export?fromLeaf=${proof.leafIndex}&limit=1`);
  const line = JSON.parse(page.split('\n')[0]);
  const sameEvent = line.eventId === eventId && line.leafIndex === proof.leafIndex;
  step(sameEvent, t(sameEvent ? 'verify.step.line' : 'verify.step.lineBad'));
  const leaf = await leafHash(utf8.encode(canonicalize(line)));
  const claimed = fromBase64(proof.leafHash);
  step(equalBytes(leaf, claimed), t(equalBytes(leaf, claimed) ? 'verify.step.leafHash' : 'verify.step.leafHashBad',
    { hash: base64(leaf), claimed: proof.leafHash }));

  const root = await rootFromInclusion(proof.leafIndex, proof.treeSize, leaf, path);
  const rootOk = root !== null && equalBytes(root, note.root);
  step(rootOk, t(rootOk ? 'verify.step.root' : 'verify.step.rootBad',
    { root: note.rootText, computed: root ? base64(root) : '—' }));
  return { ok: steps.every((s) => s.ok), steps, line };
}

/** The outcome goes to the status line, for screen readers (the box below shows it to the eye). */
function announce(text) {
  status.classList.add('visually-hidden');
  status.textContent = text;
}

function report(outcome) {
  result.hidden = false;
  result.dataset.state = outcome.ok ? 'ok' : 'fail';
  announce(t(outcome.ok ? 'verify.ok' : 'verify.fail'));
  fill(result,
    el('p', { class: 'verdict', id: 'verdict', text: t(outcome.ok ? 'verify.ok' : 'verify.fail') }),
    el('ol', { class: 'steps', id: 'steps' }, outcome.steps.map((s) => el('li', { 'data-ok': String(s.ok), text: s.message }))),
    el('h3', { text: t('verify.payload') }),
    el('p', { class: 'meta', text: t('verify.event', { type: outcome.line.payloadType, time: fmtDateTime(outcome.line.timestamp) }) }),
    el('pre', { id: 'payload', tabindex: '0', text: JSON.stringify(outcome.line.payload, null, 2) }));
}

function failed(message) {
  result.hidden = false;
  result.dataset.state = 'error';
  announce(t('verify.error', { reason: message }));
  fill(result, el('p', { class: 'verdict', id: 'verdict', text: t('verify.error', { reason: message }) }));
}

async function showKey(key) {
  fill('verifier-key', key.text);
  fill('key-fingerprint', secure ? await fingerprint(key.publicKey) : '');
}

async function run() {
  const eventId = eventIdOf(input.value);
  if (!eventId) {
    status.textContent = t('verify.empty');
    input.focus();
    return;
  }
  button.disabled = true;
  result.hidden = true;
  result.dataset.state = 'running';
  status.classList.remove('visually-hidden');
  status.textContent = t('verify.running');
  try {
    report(await check(eventId));
  } catch (e) {
    failed(e.message);
  } finally {
    button.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});

if (!secure) {
  document.getElementById('insecure').hidden = false;
  input.disabled = true;
  button.disabled = true;
}
const given = new URLSearchParams(location.search).get('eventId');
if (given) {
  input.value = given;
  if (secure) {
    run();
  }
}
get('/api/v1/audit/verifier-key', { json: false }).then((r) => {
  if (r.ok) {
    showKey(parseVerifierKey(r.text));
  }
});
