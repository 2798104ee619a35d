// What every page of the dashboard shares: language, the page's frame (header, navigation, footer),
// reading the public API, polling, formatting, and building elements. API data is only ever put
// into the page as text (textContent), never as HTML: petition titles and texts are citizens' words.
import { messages } from './i18n.js';

const LANG_KEY = 'ledger-dashboard-lang';

/** The page's language: ?lang=, else the last choice kept in this browser, else French. */
export const lang = (() => {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'fr' || asked === 'en') {
    remember(asked);
    return asked;
  }
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
})();

function remember(value) {
  try {
    localStorage.setItem(LANG_KEY, value);
  } catch {
    // private browsing: the choice lasts for this page only
  }
}

/** A text of the dashboard, with {name} replaced by vars.name. */
export function t(key, vars = {}) {
  const text = messages[lang][key] ?? messages.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? '').toString());
}

/** An element with attributes (a property when the name is one, else an attribute) and children (strings are text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      node.className = value;
    } else if (name === 'text') {
      node.textContent = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

const shown = new Map();

/**
 * Renders data into the element with that id only when it differs from what is shown, so that a
 * poll that brings nothing new leaves the page (and the keyboard focus, and a screen reader) alone.
 */
export function show(id, data, render) {
  const key = JSON.stringify(data);
  const node = document.getElementById(id);
  const last = shown.get(id);
  if (last && last.key === key && last.node === node) {
    return;
  }
  shown.set(id, { key, node });
  fill(node, render(data));
}

/** Replaces the children of an element (found by id when a string). */
export function fill(target, ...children) {
  const node = typeof target === 'string' ? document.getElementById(target) : target;
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** GET on the public API: {ok, status, json, text}. Never throws for an HTTP error; a network failure is status 0. */
export async function get(path, { json = true } = {}) {
  try {
    const response = await fetch(path, { headers: { Accept: json ? 'application/json' : '*/*' }, cache: 'no-store' });
    const text = await response.text();
    let body = null;
    if (json && text && (response.headers.get('Content-Type') || '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    return { ok: response.ok, status: response.status, json: body, text };
  } catch (e) {
    return { ok: false, status: 0, json: null, text: String(e) };
  }
}

/**
 * Calls refresh now and then every `ms` milliseconds while the page is visible (and at once when it
 * becomes visible again). A refresh that throws shows the error line and is tried again at the next tick.
 */
export function poll(refresh, ms) {
  let timer = null;
  let running = false;
  const tick = async () => {
    if (running) {
      return;
    }
    running = true;
    try {
      await refresh();
      updated();
    } catch (e) {
      updated(e);
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    clearInterval(timer);
    timer = document.hidden ? null : setInterval(tick, ms);
  };
  document.addEventListener('visibilitychange', () => {
    schedule();
    if (!document.hidden) {
      tick();
    }
  });
  schedule();
  return tick();
}

/** The "updated at" line of the page, or the error line. */
function updated(error) {
  const line = document.getElementById('updated');
  if (!line) {
    return;
  }
  line.classList.toggle('error', Boolean(error));
  line.textContent = error ? t('site.error', { status: error.status ?? error.message ?? error })
    : t('site.updated', { time: new Date().toLocaleTimeString(locale()) });
}

/** An API answer that is not 2xx, as an error the polling shows. */
export class ApiError extends Error {
  constructor(response) {
    super(`HTTP ${response.status}`);
    this.status = response.status;
    this.code = response.json?.code;
  }
}

/** The JSON of a GET, or an ApiError. */
export async function getJson(path) {
  const r = await get(path);
  if (!r.ok) {
    throw new ApiError(r);
  }
  return r.json;
}

export function locale() {
  return lang === 'en' ? 'en-GB' : 'fr-FR';
}

export function fmtInt(n) {
  return new Intl.NumberFormat(locale()).format(n ?? 0);
}

export function fmtCents(cents) {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
    .format(Math.round((cents ?? 0) / 100));
}

export function fmtDate(iso) {
  return iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso)) : '';
}

export function fmtDateTime(iso) {
  return iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Paris' })
    .format(new Date(iso)) : '';
}

/** "1er", "2e" ... in French; "1st", "2nd" ... in English. */
export function arrondissement(n) {
  const i = Number(n);
  if (lang === 'fr') {
    return i === 1 ? '1er' : `${i}e`;
  }
  const suffix = i % 10 === 1 && i !== 11 ? 'st' : i % 10 === 2 && i !== 12 ? 'nd' : i % 10 === 3 && i !== 13 ? 'rd' : 'th';
  return `${i}${suffix}`;
}

/** A bar of a chart: decorative (the number beside it is the text), its length set through the CSSOM, which the CSP allows. */
export function bar(value, max, className = 'bar') {
  const fill = el('span');
  fill.style.setProperty('inline-size', `${max > 0 ? Math.min(100, (100 * value) / max) : 0}%`);
  return el('span', { class: className, 'aria-hidden': 'true' }, fill);
}

/**
 * A chart as a table: one row per item with its label, a bar and its number, so that the numbers
 * are the text equivalent of the bars (and what a screen reader reads).
 */
export function barTable({ caption, labelHeader, countHeader, barHeader, rows, id }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return el('table', { class: 'bars', id },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: labelHeader }),
      el('th', { scope: 'col', class: 'bar-cell', text: barHeader }),
      el('th', { scope: 'col', class: 'num', text: countHeader }))),
    el('tbody', {}, rows.map((r) => el('tr', { 'data-key': r.key },
      el('th', { scope: 'row', text: r.label }),
      el('td', { class: 'bar-cell' }, bar(r.value, max)),
      el('td', { class: 'num', text: fmtInt(r.value) })))));
}

const PAGES = [
  ['petitions', '/', 'nav.petitions'],
  ['budget', '/budget.html', 'nav.budget'],
  ['councils', '/councils.html', 'nav.councils'],
  ['ledger', '/ledger.html', 'nav.ledger'],
  ['verify', '/verify.html', 'nav.verify'],
];

/**
 * Builds the page's frame around its <main>: skip link, header with the navigation and the
 * language switch, footer; translates the elements marked data-i18n, and the title.
 */
export function frame(page) {
  document.documentElement.lang = lang;
  const other = lang === 'fr' ? 'en' : 'fr';
  const switchUrl = new URL(location.href);
  switchUrl.searchParams.set('lang', other);
  const header = el('header', { class: 'site' },
    el('div', { class: 'brand' },
      el('a', { href: '/', class: 'brand-link' },
        el('img', { src: '/dashboard/icon.svg', alt: '', width: '40', height: '40' }),
        el('span', {}, el('strong', { text: t('site.name') }), el('span', { class: 'city', text: t('site.city') }))),
      el('a', { href: switchUrl.pathname + switchUrl.search, lang: other, hreflang: other, id: 'lang-switch',
        class: 'lang', 'aria-label': t('site.langLabel'), text: t('site.lang') })),
    el('nav', { 'aria-label': t('site.nav') },
      el('ul', {}, PAGES.map(([key, href, label]) => el('li', {},
        el('a', { href, 'aria-current': key === page ? 'page' : null, text: t(label) }))))));
  const main = document.querySelector('main');
  document.body.prepend(el('a', { class: 'skip', href: '#main', text: t('site.skip') }), header);
  main.id = 'main';
  main.tabIndex = -1;
  document.body.append(el('footer', { class: 'site' },
    el('p', { id: 'updated', class: 'updated' }),
    el('p', {}, t('site.footer'), ' ', el('a', { href: '/swagger-ui.html', text: t('site.footerApi') }))));
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  document.title = `${t(document.body.dataset.title || `nav.${page}`)} · ${t('site.name')} · ${t('site.city')}`;
}
