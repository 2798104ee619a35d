// The petitions page (/): open petitions with their live count, progress to 5,000 and days left;
// the other published petitions below. Polls GET /api/v1/petitions every 5 s.
import { arrondissement, el, fmtInt, frame, getJson, poll, show, t } from './app.js';
import { daysLeftText, progress, signaturesWord, statusBadge } from './petition-parts.js';

frame('petitions');

function card(p) {
  const link = `/petition.html?id=${encodeURIComponent(p.id)}`;
  return el('li', { class: 'card petition', 'data-petition-id': p.id },
    el('h3', {}, el('a', { href: link, text: p.title })),
    el('p', { class: 'meta' },
      p.arrondissement ? t('petitions.arr', { arr: arrondissement(p.arrondissement) }) : t('petitions.allParis'),
      p.category ? ` · ${p.category}` : ''),
    el('p', { class: 'count' },
      el('span', { class: 'figure', 'data-count': String(p.signatureCount), text: fmtInt(p.signatureCount) }), ' ',
      signaturesWord(p.signatureCount)),
    progress(p.signatureCount),
    el('p', { class: 'meta', text: daysLeftText(p.closesAt) }));
}

function others(list) {
  if (list.length === 0) {
    return el('p', { text: t('petitions.noOthers') });
  }
  return el('table', { class: 'list' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: t('petitions.colTitle') }),
      el('th', { scope: 'col', text: t('petitions.colStatus') }),
      el('th', { scope: 'col', class: 'num', text: t('petitions.colCount') }))),
    el('tbody', {}, list.map((p) => el('tr', { 'data-petition-id': p.id },
      el('td', {}, el('a', { href: `/petition.html?id=${encodeURIComponent(p.id)}`, text: p.title })),
      el('td', {}, statusBadge(p.status)),
      el('td', { class: 'num', text: fmtInt(p.signatureCount) })))));
}

async function refresh() {
  // the open ones (up to 200, the most a page of the API holds), and the 50 last filed of the others
  const [openList, recent] = await Promise.all([getJson('/api/v1/petitions?status=OPEN&limit=200'),
    getJson('/api/v1/petitions?limit=50')]);
  const open = openList.sort((a, b) => b.signatureCount - a.signatureCount || a.title.localeCompare(b.title));
  show('open-petitions', open, (list) => (list.length === 0 ? el('p', { text: t('petitions.none') })
    : el('ul', { class: 'cards', id: 'open-list' }, list.map(card))));
  show('other-petitions', recent.filter((p) => p.status !== 'OPEN'), others);
}

poll(refresh, 5000);
