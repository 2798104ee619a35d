// The participatory budget: the campaign's phase; participation so far; once the results are
// recorded, per scope the ranking, the envelope used and the winners, with merit profiles as
// stacked bars when the results carry them (majority judgment), and each winner's delivery.
import { arrondissement, bar, el, fmtCents, fmtInt, frame, get, getJson, poll, show, t } from './app.js';

frame('budget');
const PHASES = ['PROPOSALS', 'FEASIBILITY', 'VOTING', 'RESULTS', 'REALIZATION'];
const GRADES = [3, 2, 1, 0];
const asked = Number(new URLSearchParams(location.search).get('year')) || null;

function scopeTitle(scope) {
  return scope === 'PARIS' ? t('budget.scopeParis') : t('budget.scopeArr', { arr: arrondissement(scope) });
}

function phases(current) {
  return el('ol', { class: 'phases', 'aria-label': t('budget.phases') }, PHASES.map((p) => el('li', {
    'aria-current': p === current ? 'step' : null, 'data-phase': p,
  }, t(`budget.phase.${p}`), p === current ? el('span', { class: 'visually-hidden', text: ` (${t('budget.current')})` }) : null)));
}

function participation(campaign) {
  const voters = campaign.votersSoFar ?? {};
  return el('section', { 'aria-labelledby': 'participation-title' },
    el('h3', { id: 'participation-title', text: t('budget.participation') }),
    el('dl', { class: 'stats', id: 'participation' },
      el('div', {}, el('dt', { text: t('budget.votersOnline') }), el('dd', { 'data-voters': 'ONLINE', text: fmtInt(voters.ONLINE) })),
      el('div', {}, el('dt', { text: t('budget.votersPaper') }), el('dd', { 'data-voters': 'PAPER', text: fmtInt(voters.PAPER) }))),
    el('p', { class: 'meta', text: t('budget.votersNote') }));
}

function latestRealization(project) {
  const steps = project?.realization ?? [];
  return steps.length === 0 ? t('budget.noRealization') : t(`budget.realization.${steps[steps.length - 1].status}`);
}

function gradeName(grade) {
  return grade === null || grade === undefined ? '—' : t(`budget.grade.${grade}`);
}

/** Merit profiles: a stacked bar of the four grades per project, a legend, and the numbers as a table. */
function profiles(rows, byId) {
  const legend = el('ul', { class: 'legend' }, GRADES.map((g) => el('li', { class: `grade-${g}`, text: t(`budget.grade.${g}`) })));
  const chart = el('ul', { class: 'profiles', 'aria-hidden': 'true' }, rows.map((r) => {
    const total = r.profile.reduce((a, b) => a + b, 0);
    return el('li', {}, el('span', { class: 'meta', text: byId.get(r.projectId)?.title ?? r.projectId }),
      el('span', { class: 'profile' }, GRADES.map((g) => {
        const part = el('span', { class: `grade-${g}` });
        part.style.setProperty('inline-size', `${total > 0 ? (100 * r.profile[g]) / total : 0}%`);
        return part;
      })));
  }));
  const numbers = el('table', {},
    el('caption', { text: t('budget.profileTable') }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('budget.colProject') }),
      GRADES.map((g) => el('th', { scope: 'col', class: 'num', text: t(`budget.grade.${g}`) })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, el('th', { scope: 'row', text: byId.get(r.projectId)?.title ?? r.projectId }),
      GRADES.map((g) => el('td', { class: 'num', text: fmtInt(r.profile[g]) }))))));
  return el('div', { class: 'merit' }, el('h4', { text: t('budget.profiles') }),
    el('p', { class: 'meta', text: t('budget.profilesIntro') }), legend, chart, el('div', { class: 'table-scroll' }, numbers));
}

function scope(name, result, byId, majority) {
  const rows = result.projects ?? [];
  return el('section', { class: 'scope', 'data-scope': name, 'aria-labelledby': `scope-${name}` },
    el('h3', { id: `scope-${name}`, text: scopeTitle(name) }),
    el('p', {}, t('budget.envelope', { used: fmtCents(result.usedCents), envelope: fmtCents(result.envelopeCents) })),
    bar(result.usedCents, result.envelopeCents),
    el('div', { class: 'table-scroll' }, el('table', {},
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', class: 'num', text: t('budget.colRank') }),
        el('th', { scope: 'col', text: t('budget.colProject') }),
        el('th', { scope: 'col', class: majority ? null : 'num', text: t(majority ? 'budget.colGrade' : 'budget.colVotes') }),
        el('th', { scope: 'col', class: 'num', text: t('budget.colCost') }),
        el('th', { scope: 'col', text: t('budget.colWinner') }),
        el('th', { scope: 'col', text: t('budget.colRealization') }))),
      el('tbody', {}, rows.map((r) => el('tr', { 'data-project': r.projectId, 'data-winner': String(Boolean(r.winner)) },
        el('td', { class: 'num', text: fmtInt(r.rank) }),
        el('td', {}, byId.get(r.projectId)?.title ?? r.projectId),
        majority ? el('td', { text: gradeName(r.majorityGrade) }) : el('td', { class: 'num', text: fmtInt(r.votes) }),
        el('td', { class: 'num', text: fmtCents(r.costCents) }),
        el('td', {}, el('span', { class: r.winner ? 'badge winner' : 'badge', text: t(r.winner ? 'budget.winner' : 'budget.notWinner') })),
        el('td', { text: r.winner ? latestRealization(byId.get(r.projectId)) : '' })))))),
    rows.some((r) => Array.isArray(r.profile)) ? profiles(rows.filter((r) => Array.isArray(r.profile)), byId) : null);
}

/** During the vote: the projects on the ballot, per scope, with their cost. */
function ballot(projects) {
  const feasible = projects.filter((p) => p.verdict === 'FEASIBLE');
  const scopes = [...new Set(feasible.map((p) => p.scope))]
    .sort((a, b) => (a === 'PARIS' ? -1 : b === 'PARIS' ? 1 : Number(a) - Number(b)));
  return el('section', { 'aria-labelledby': 'ballot-title', id: 'ballot' },
    el('h3', { id: 'ballot-title', text: t('budget.onBallot') }),
    scopes.map((s) => el('div', { class: 'table-scroll' }, el('table', { 'data-scope': s },
      el('caption', { text: scopeTitle(s) }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('budget.colProject') }),
        el('th', { scope: 'col', class: 'num', text: t('budget.colCost') }))),
      el('tbody', {}, feasible.filter((p) => p.scope === s).map((p) => el('tr', {},
        el('td', { text: p.title }),
        el('td', { class: 'num', text: fmtCents(p.costCents) }))))))));
}

function results(res, byId) {
  if (!res) {
    return el('p', { text: t('budget.pending') });
  }
  const majority = res.method === 'MAJORITY_JUDGMENT';
  const names = Object.keys(res.scopes ?? {}).sort((a, b) => (a === 'PARIS' ? -1 : b === 'PARIS' ? 1 : Number(a) - Number(b)));
  const withProjects = names.filter((n) => (res.scopes[n].projects ?? []).length > 0);
  const empty = names.length - withProjects.length;
  return el('section', { 'aria-labelledby': 'results-title', id: 'results' },
    el('h2', { id: 'results-title', text: t('budget.results') }),
    el('p', { text: t('budget.ballots', { count: fmtInt(res.ballots) }) }),
    withProjects.map((n) => scope(n, res.scopes[n], byId, majority)),
    empty > 0 ? el('p', { class: 'meta', text: t('budget.emptyScopes', { count: fmtInt(empty) }) }) : null);
}

function render({ campaigns, campaign, projects, res }) {
  if (!campaign) {
    return el('p', { text: campaigns.length === 0 ? t('budget.none') : t('budget.notFound', { year: asked }) });
  }
  const byId = new Map(projects.map((p) => [p.projectId, p]));
  const phaseIndex = PHASES.indexOf(campaign.phase);
  return [
    campaigns.length > 1 ? el('nav', { 'aria-label': t('budget.campaign'), class: 'campaigns' },
      el('ul', { class: 'ids' }, campaigns.map((c) => el('li', {}, el('a', {
        href: `/budget.html?year=${c.year}`, 'aria-current': c.year === campaign.year ? 'true' : null,
        text: t('budget.campaignOf', { year: c.year }),
      }))))) : null,
    el('h2', { id: 'campaign', 'data-year': String(campaign.year), text: t('budget.campaignOf', { year: campaign.year }) }),
    phases(campaign.phase),
    el('p', { text: t('budget.projects', { submitted: fmtInt(projects.length),
      feasible: fmtInt(projects.filter((p) => p.verdict === 'FEASIBLE').length) }) }),
    phaseIndex >= PHASES.indexOf('VOTING') ? participation(campaign) : null,
    phaseIndex === PHASES.indexOf('VOTING') ? ballot(projects) : null,
    phaseIndex >= PHASES.indexOf('RESULTS') ? results(res, byId) : null,
  ];
}

async function refresh() {
  const campaigns = await getJson('/api/v1/budget/campaigns');
  const campaign = asked ? campaigns.find((c) => c.year === asked) : campaigns[0];
  let projects = [];
  let res = null;
  if (campaign) {
    // the projects come in pages ({items, next}): follow them to the last
    const base = `/api/v1/budget/campaigns/${campaign.year}/projects?limit=200`;
    let url = base;
    while (url) {
      const page = await getJson(url);
      projects = projects.concat(page.items);
      url = page.next ? `${base}&after=${encodeURIComponent(page.next)}` : null;
    }
    if (campaign.resultsPublished) {
      const r = await get(`/api/v1/budget/campaigns/${campaign.year}/results`);
      res = r.ok ? r.json : null;
    }
  }
  show('budget', { campaigns, campaign, projects, res }, render);
}

poll(refresh, 10000);
