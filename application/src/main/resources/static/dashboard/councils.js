// Councils: seats, sitting members and vacancies per group; each call and its draw (pool hash,
// random sources, key, selected and alternates per group), with "recompute this draw" for SHA256-V1.
import { el, fill, fmtDateTime, fmtInt, frame, get, getJson, poll, show, t } from './app.js';
import { parseExact, recompute } from './sortition.js';

frame('councils');
const canCompute = window.isSecureContext && Boolean(window.crypto?.subtle);

function seats(council, members) {
  const groups = Object.keys(council.quotas).sort();
  const sittingIds = (group) => members.members.filter((m) => m.group === group).map((m) => m.applicationId);
  return [
    el('div', { class: 'table-scroll' }, el('table', {},
      el('caption', { text: t('councils.seatsCaption') }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('councils.colGroup') }),
        el('th', { scope: 'col', class: 'num', text: t('councils.colQuota') }),
        el('th', { scope: 'col', class: 'num', text: t('councils.colSitting') }),
        el('th', { scope: 'col', class: 'num', text: t('councils.colVacant') }))),
      el('tbody', {}, groups.map((g) => el('tr', { 'data-group': g },
        el('th', { scope: 'row', text: g }),
        el('td', { class: 'num', text: fmtInt(council.quotas[g]) }),
        el('td', { class: 'num', 'data-sitting': String(council.sitting[g] ?? 0), text: fmtInt(council.sitting[g] ?? 0) }),
        el('td', { class: 'num', 'data-vacant': String(council.vacant[g] ?? 0), text: fmtInt(council.vacant[g] ?? 0) })))))),
    el('details', {}, el('summary', { text: t('councils.members') }),
      members.members.length === 0 ? el('p', { text: t('councils.noMembers') })
        : groups.map((g) => el('div', {}, el('h4', { text: g }),
          el('ul', { class: 'ids mono' }, sittingIds(g).map((id) => el('li', { text: id })))))),
  ];
}

function ids(list) {
  return list && list.length > 0 ? el('ol', { class: 'ids mono' }, list.map((id) => el('li', { text: id })))
    : el('span', { class: 'meta', text: t('councils.none.list') });
}

async function check(councilId, callId, drawText, output, button) {
  button.disabled = true;
  output.dataset.state = 'running';
  fill(output, t('councils.recomputing'));
  try {
    const pool = await get(`/api/v1/councils/${councilId}/calls/${callId}/pool`);
    if (!pool.ok) {
      throw new Error(`HTTP ${pool.status}`);
    }
    const differences = await recompute(pool.json, parseExact(drawText));
    output.dataset.state = differences.length === 0 ? 'ok' : 'fail';
    fill(output, differences.length === 0 ? t('councils.recomputeOk') : t('councils.recomputeFail', {
      reason: differences.map((d) => t(`councils.diff.${d.reason}`, { group: d.group })).join(' ; '),
    }));
  } catch (e) {
    output.dataset.state = 'error';
    fill(output, t('councils.recomputeError', { reason: e.message }));
  } finally {
    button.disabled = false;
  }
}

function drawDetails(councilId, call, drawText) {
  const draw = parseExact(drawText);
  const groups = Object.keys(draw.seats).sort();
  const output = el('div', { class: 'result', role: 'status', 'data-recompute': `${councilId}/${call.callId}` });
  const button = el('button', { type: 'button', 'data-recompute-button': `${councilId}/${call.callId}`,
    text: t('councils.recompute') });
  button.addEventListener('click', () => check(councilId, call.callId, drawText, output, button));
  let action;
  if (draw.algorithm !== 'SHA256-V1') {
    action = el('p', { class: 'notice', text: t('councils.rfc3797') });
  } else if (!canCompute) {
    button.disabled = true;
    action = [button, el('p', { class: 'notice warning', text: t('verify.insecure') })];
  } else {
    action = [button, output];
  }
  return [
    el('dl', { class: 'facts' },
      el('dt', { text: t('councils.algorithm') }), el('dd', { class: 'mono', text: draw.algorithm }),
      el('dt', { text: t('councils.poolHash') }), el('dd', { class: 'mono', text: draw.poolHash }),
      el('dt', { text: t('councils.sources') }), el('dd', { class: 'mono',
        text: JSON.stringify(draw.randomSources, (k, v) => (typeof v === 'bigint' ? Number(v) : v)) }),
      el('dt', { text: t('councils.key') }), el('dd', { class: 'mono', text: draw.key }),
      el('dt', { text: t('councils.drawnAt') }), el('dd', { text: fmtDateTime(draw.drawnAt) })),
    el('div', { class: 'table-scroll' }, el('table', { class: 'draw' },
      el('caption', { text: t('councils.drawCaption') }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('councils.colGroup') }),
        el('th', { scope: 'col', text: t('councils.colSelected') }),
        el('th', { scope: 'col', text: t('councils.colAlternates') }))),
      el('tbody', {}, groups.map((g) => el('tr', { 'data-group': g },
        el('th', { scope: 'row', text: g }),
        el('td', {}, ids(draw.selected[g])),
        el('td', {}, ids(draw.alternates[g]))))))),
    action,
  ];
}

async function callSection(councilId, call) {
  const section = el('section', { class: 'call', id: `call-${councilId}-${call.callId}`, 'aria-labelledby': `call-title-${councilId}-${call.callId}` },
    el('h4', { id: `call-title-${councilId}-${call.callId}`, text: t('councils.call', { call: call.callId }) }),
    el('p', {}, el('span', { class: 'badge', text: t(`councils.callStatus.${call.status}`) }),
      call.poolSize !== null && call.poolSize !== undefined ? ` ${t('councils.poolSize', { count: fmtInt(call.poolSize) })}` : ''));
  if (call.status === 'DRAWN') {
    const draw = await get(`/api/v1/councils/${councilId}/calls/${call.callId}/draw`, { json: false });
    if (draw.ok) {
      section.append(...drawDetails(councilId, call, draw.text).flat());
    }
  }
  return section;
}

async function skeleton(councils) {
  if (councils.length === 0) {
    return el('p', { text: t('councils.none') });
  }
  return Promise.all(councils.map(async (c) => el('section', { class: 'council', 'data-council': c.councilId,
    'aria-labelledby': `council-${c.councilId}` },
  el('h2', { id: `council-${c.councilId}`, text: c.name }),
  el('p', { class: 'meta' }, t('councils.rules', { seats: fmtInt(c.seats), months: fmtInt(c.mandateMonths) })),
  el('h3', { text: t('councils.seats') }),
  el('div', { id: `seats-${c.councilId}` }),
  el('h3', { text: t('councils.calls') }),
  await Promise.all(c.calls.map((call) => callSection(c.councilId, call))))));
}

let structure = null;

async function refresh() {
  const councils = await getJson('/api/v1/councils');
  const key = JSON.stringify(councils.map((c) => [c.councilId, c.calls.map((k) => [k.callId, k.status])]));
  if (key !== structure) {
    fill('councils', await skeleton(councils));
    structure = key;
  }
  await Promise.all(councils.map(async (c) => {
    const members = await getJson(`/api/v1/councils/${c.councilId}/members`);
    show(`seats-${c.councilId}`, { c, members }, (d) => seats(d.c, d.members));
  }));
}

poll(refresh, 15000);
