// Pieces the two petition pages share.
import { el, fmtInt, locale, t } from './app.js';

export const THRESHOLD = 5000;

/** Whole days from now to closesAt, rounded up; null before publication. */
export function daysLeft(closesAt) {
  if (!closesAt) {
    return null;
  }
  return Math.max(0, Math.ceil((new Date(closesAt).getTime() - Date.now()) / 86_400_000));
}

/** "365 days left to sign", "Last day to sign", "Signing closed"; empty before publication. */
export function daysLeftText(closesAt) {
  const left = daysLeft(closesAt);
  if (left === null) {
    return '';
  }
  return left > 1 ? t('petitions.daysLeft', { days: fmtInt(left) }) : left === 1 ? t('petitions.dayLeft') : t('petitions.closed');
}

/** The progress towards 5,000 signatures: a native <progress> with its label, and the percentage as text. */
export function progress(count) {
  const percent = Math.min(100, (100 * count) / THRESHOLD);
  const shown = new Intl.NumberFormat(locale(), { maximumFractionDigits: percent < 1 ? 2 : 1 }).format(percent);
  return el('div', { class: 'progress' },
    el('progress', { max: String(THRESHOLD), value: String(Math.min(count, THRESHOLD)), 'aria-label': t('petitions.progressLabel') }),
    el('span', { text: count >= THRESHOLD ? t('petitions.eligible') : t('petitions.progress', { percent: shown }) }));
}

export function statusBadge(status) {
  return el('span', { class: `badge status-${status.toLowerCase()}`, text: t(`status.${status}`) });
}

/** "signature" or "signatures", as the language's plural rules say for n. */
export function signaturesWord(n) {
  return t(new Intl.PluralRules(locale()).select(n) === 'one' ? 'petitions.signatureWord' : 'petitions.signaturesWord');
}
