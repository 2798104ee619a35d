// The ledger: the latest signed checkpoint (size, time, root), the sealing lag and the events by
// instrument. Polls GET /api/v1/stats/ledger and GET /api/v1/audit/checkpoint.
import { barTable, el, fill, fmtDateTime, fmtInt, frame, get, getJson, locale, poll, show, t } from './app.js';

frame('ledger');
const KNOWN = ['petition', 'budget', 'sortition', 'card'];

function fact(label, value, attrs = {}) {
  return el('div', {}, el('dt', { text: label }), el('dd', { ...attrs, text: value }));
}

function render({ stats, note }) {
  const checkpoint = stats.latestCheckpoint;
  const lines = note ? note.split('\n') : [];
  const instruments = Object.keys(stats.sealedByInstrument)
    .sort((a, b) => (KNOWN.indexOf(a) + 1 || 99) - (KNOWN.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return [
    el('section', { 'aria-labelledby': 'checkpoint-title' },
      el('h2', { id: 'checkpoint-title', text: t('ledger.checkpoint') }),
      checkpoint ? el('dl', { class: 'stats', id: 'checkpoint' },
        fact(t('ledger.treeSize'), fmtInt(checkpoint.treeSize), { 'data-tree-size': String(checkpoint.treeSize) }),
        fact(t('ledger.signedAt'), fmtDateTime(checkpoint.signedAt), { class: 'small' }),
        fact(t('ledger.root'), lines[2] ?? '', { class: 'small mono' }),
        fact(t('ledger.origin'), lines[0] ?? '', { class: 'small mono' }))
        : el('p', { text: t('ledger.noCheckpoint') })),
    el('section', { 'aria-labelledby': 'sealing-title' },
      el('h2', { id: 'sealing-title', text: t('ledger.sealing') }),
      el('dl', { class: 'stats', id: 'sealing' },
        fact(t('ledger.sealed'), fmtInt(stats.sealedEvents), { 'data-sealed': String(stats.sealedEvents) }),
        fact(t('ledger.notSigned'), fmtInt(Math.max(0, stats.sealedEvents - (checkpoint?.treeSize ?? 0)))),
        fact(t('ledger.unsealed'), fmtInt(stats.unsealedEvents)),
        fact(t('ledger.lag'), t('ledger.lagSeconds', {
          seconds: new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(stats.oldestUnsealedSeconds),
        })))),
    el('section', { 'aria-labelledby': 'instruments-title' },
      el('h2', { id: 'instruments-title', text: t('ledger.byInstrument') }),
      barTable({
        id: 'by-instrument',
        caption: t('ledger.byInstrumentCaption'),
        labelHeader: t('ledger.colInstrument'),
        barHeader: t('petition.colBar'),
        countHeader: t('ledger.colEvents'),
        rows: instruments.map((i) => ({
          key: i, label: KNOWN.includes(i) || i === 'other' ? t(`ledger.instrument.${i}`) : i, value: stats.sealedByInstrument[i],
        })),
      })),
  ];
}

async function refresh() {
  const [stats, note] = await Promise.all([getJson('/api/v1/stats/ledger'), get('/api/v1/audit/checkpoint', { json: false })]);
  show('ledger', { stats: { ...stats, asOf: null }, note: note.ok ? note.text : null }, render);
}

get('/api/v1/audit/verifier-key', { json: false }).then((r) => {
  if (r.ok) {
    fill('verifier-key', r.text.trim());
  }
});
poll(refresh, 5000);
