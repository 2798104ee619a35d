// A petition's page: its live count and progress, its count by arrondissement (bars of the 20,
// with the numbers as text), its history and the CPDP's decision. Polls the petition and its history.
import { arrondissement, barTable, el, fill, fmtDate, fmtDateTime, fmtInt, frame, get, poll, show, t } from './app.js';
import { daysLeftText, progress, signaturesWord, statusBadge } from './petition-parts.js';

frame('petitions');
const id = new URLSearchParams(location.search).get('id');

function decision(p) {
  switch (p.status) {
    case 'ON_COUNCIL_AGENDA':
      return t('petition.placed', { session: fmtDate(p.councilSession), at: fmtDateTime(p.decidedAt) });
    case 'DECLINED':
      return t('petition.declined', { at: fmtDateTime(p.decidedAt), reason: p.decisionReason ?? '' });
    case 'WITHDRAWN':
      return t('petition.withdrawn', { reason: p.withdrawalReason ?? '' });
    case 'REJECTED':
      return t('petition.rejected', { reason: p.moderationReason ?? '' });
    default:
      return t('petition.noDecision');
  }
}

function render(p, history) {
  document.title = `${p.title} · ${t('site.name')}`;
  const open = p.status === 'OPEN';
  return [
    el('h1', { text: p.title }),
    el('p', { class: 'meta' }, statusBadge(p.status), ' ',
      p.arrondissement ? t('petitions.arr', { arr: arrondissement(p.arrondissement) }) : t('petitions.allParis'),
      p.category ? ` · ${t('petition.category', { category: p.category })}` : ''),
    el('section', { 'aria-labelledby': 'figures-title', class: 'figures' },
      el('h2', { id: 'figures-title', text: t('petition.figures') }),
      el('p', { class: 'count' },
        el('span', { class: 'figure big', id: 'petition-count', 'data-count': String(p.signatureCount),
          text: fmtInt(p.signatureCount) }), ' ', signaturesWord(p.signatureCount)),
      progress(p.signatureCount),
      p.opensAt ? el('p', { class: 'meta', text: t('petition.window', { from: fmtDate(p.opensAt), to: fmtDate(p.closesAt) }) }) : null,
      open && p.closesAt ? el('p', { class: 'meta', text: daysLeftText(p.closesAt) }) : null),
    el('section', { 'aria-labelledby': 'text-title' },
      el('h2', { id: 'text-title', text: t('petition.text') }),
      el('p', { class: 'petition-text', text: p.text })),
    el('section', { 'aria-labelledby': 'arr-title' },
      el('h2', { id: 'arr-title', text: t('petition.byArr') }),
      barTable({
        id: 'by-arrondissement',
        caption: t('petition.byArrCaption'),
        labelHeader: t('petition.colArr'),
        barHeader: t('petition.colBar'),
        countHeader: t('petition.colCount'),
        rows: Array.from({ length: 20 }, (_, i) => ({
          key: String(i + 1), label: arrondissement(i + 1), value: p.byArrondissement?.[String(i + 1)] ?? 0,
        })),
      })),
    el('section', { 'aria-labelledby': 'history-title' },
      el('h2', { id: 'history-title', text: t('petition.history') }),
      el('ol', { class: 'timeline', id: 'history' }, history.map((h) => el('li', { 'data-type': h.type },
        el('time', { datetime: h.at, text: fmtDateTime(h.at) }), ' ',
        el('strong', { text: t(`history.${h.type}`) }), ' ',
        el('span', { class: 'meta', text: `(${t('petition.historyCount', { count: fmtInt(h.signatureCount) })})` }))))),
    el('section', { 'aria-labelledby': 'decision-title' },
      el('h2', { id: 'decision-title', text: t('petition.decision') }),
      el('p', { id: 'decision', text: decision(p) })),
  ];
}

async function refresh() {
  if (!id) {
    fill('petition', el('p', { text: t('petition.missing') }));
    return;
  }
  const path = `/api/v1/petitions/${encodeURIComponent(id)}`;
  const [petition, history] = await Promise.all([get(path), get(`${path}/history`)]);
  if (petition.status === 404) {
    fill('petition', el('h1', { text: t('petition.title') }), el('p', { text: t('petition.notFound') }));
    return;
  }
  if (!petition.ok || !history.ok) {
    throw { status: petition.ok ? history.status : petition.status };
  }
  show('petition', [petition.json, history.json], ([p, h]) => render(p, h));
}

poll(refresh, 5000);
