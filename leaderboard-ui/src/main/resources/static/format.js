// Formatting helpers shared by the board, the chart and the status strip.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export function number(value) {
  if (value == null || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 1e6) return compact.format(value);
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

export function clock(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function range(startIso, endIso) {
  if (!startIso) return 'no window yet';
  const start = new Date(startIso);
  const day = start.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return `${day} · ${clock(startIso)} – ${clock(endIso)}`;
}

/** A range of several windows, which may cross days: "May 4 · 17:42:00 – May 4 · 18:42:00". */
export function span(startIso, endIso) {
  const day = (iso) => new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return `${day(startIso)} · ${clock(startIso)} – ${day(endIso)} · ${clock(endIso)}`;
}

export function duration(ms) {
  if (ms == null || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = s / 60;
  if (m < 60) return `${m.toFixed(1)} min`;
  return `${(m / 60).toFixed(1)} h`;
}

/** "0.4 s ago", "12 s ago", "3 min ago". */
export function ago(ms) {
  if (ms < 0) ms = 0;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s ago`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s ago`;
  return `${Math.round(ms / 60_000)} min ago`;
}

/** ISO-8601 duration (PT1M, PT30S, PT1H30M) as words. */
export function isoDuration(text) {
  if (!text) return '—';
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(text);
  if (!match) return text;
  const [, d, h, m, s] = match;
  return [d && `${d} d`, h && `${h} h`, m && `${m} min`, s && `${Number(s)} s`].filter(Boolean).join(' ') || '0 s';
}

/**
 * What a board's values are, by the aggregation's measure: "events", "users", "sum of value"; for
 * percentiles the one that ranks, the first declared ("p50 of value"); sketched users "users (approx.)".
 */
export function measureUnit(definition) {
  const measure = definition?.measure;
  switch (measure) {
    case 'COUNT': return 'events';
    case 'DISTINCT_USERS': return 'users';
    case 'SUM': return 'sum of value';
    case 'AVG': return 'avg of value';
    case 'MIN': return 'min of value';
    case 'MAX': return 'max of value';
    case 'PERCENTILES': return `p${definition.percentiles?.[0] ?? 50} of value`;
    case 'APPROX_DISTINCT_USERS': return 'users (approx.)';
    default: return measure ? measure.toLowerCase().replaceAll('_', ' ') : '';
  }
}

/** A sketched measure's stated error as a bound: 0.01 → "±1 %", 0.035 → "±3.5 %"; '' for exact measures. */
export function errorBound(relativeError) {
  return relativeError > 0 ? `±${decimal.format(relativeError * 100)} %` : '';
}

/** An entry's declared percentiles after the first (its value): "p95 40.1 · p99 88"; '' when it has none. */
export function otherPercentiles(percentiles) {
  return Object.entries(percentiles ?? {}).slice(1).map(([label, value]) => `${label} ${number(value)}`).join(' · ');
}

/** A datetime-local input's value ("2026-05-04T18:42") as ISO-8601 in UTC; null when empty or unreadable. */
export function localInputToIso(value) {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** ISO-8601 as a datetime-local input's value, in the browser's zone. */
export function isoToLocalInput(iso) {
  const ms = Date.parse(iso ?? '');
  if (Number.isNaN(ms)) return '';
  const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
