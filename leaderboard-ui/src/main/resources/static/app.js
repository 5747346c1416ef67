// Wires the page: pick an aggregation, a window or a range and facet filters (kept in the URL, see
// view.js), read the board once, then follow it over SSE and chart the leader.

import { aggregations, leaderboard, series, streamLeaderboard } from './api.js';
import { Board } from './board.js';
import { askForKey, takeKeyFromUrl } from './key.js';
import { LeaderChart } from './chart.js';
import { customRangeValues, renderFacets, renderModes } from './controls.js';
import { ago, clock, errorBound, isoDuration, measureUnit, number, range, span } from './format.js';
import { pollSessions, renderSessions } from './sessions.js';
import { boardParams, facetParams, isRange, viewFromUrl, viewToQuery, whyNoRange } from './view.js';

const LIMIT = 10;
const $ = (id) => document.getElementById(id);
const ui = {
  aggregation: $('aggregation'), windowButtons: document.querySelectorAll('[data-window]'), modes: $('window-modes'),
  customRange: $('custom-range'), facets: $('facet-filters'), measure: $('measure-label'), bound: $('measure-bound'),
  board: new Board($('board')), chart: new LeaderChart($('chart')),
  badge: $('badge'), amended: $('amended-badge'), range: $('window-range'), connection: $('connection'), freshness: $('freshness'),
  watermark: $('watermark'), late: $('late-events'), empty: $('empty'), error: $('error'),
  sessions: $('sessions'), leader: $('leader-key'), facts: $('facts'), chartSubtitle: $('chart-subtitle'),
};

const state = { definitions: new Map(), view: null, followed: 0, stop: null, updatedAt: null,
  leader: undefined, chartWindow: null, chartTimer: null, lastChartAt: 0 };

async function start() {
  takeKeyFromUrl();
  $('limit-label').textContent = LIMIT;
  state.view = viewFromUrl(location.search);
  try {
    const list = await aggregations();
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const definition of list) {
      state.definitions.set(definition.name, definition);
      const option = new Option(`${definition.name} · ${definition.window.type.toLowerCase()}`, definition.name);
      ui.aggregation.add(option);
    }
    if (!list.length) return showError('No aggregations are declared yet: start the aggregator.');
  } catch (error) {
    if (error.status === 401) {
      setConnection('offline');
      return askForKey($('key-form'), error.message);
    }
    return showError(`Cannot list aggregations: ${error.message}`);
  }
  const view = state.view;
  ui.aggregation.value = state.definitions.has(view.aggregation) ? view.aggregation : ui.aggregation.options[0].value;
  view.aggregation = ui.aggregation.value;
  ui.aggregation.addEventListener('change', () => {
    const definition = state.definitions.get(ui.aggregation.value);
    view.aggregation = definition.name;
    if (isRange(view) && whyNoRange(definition)) view.mode = 'current';
    view.facets = Object.fromEntries(Object.entries(view.facets).filter(([facet]) => definition.facets?.includes(facet)));
    follow();
  });
  ui.windowButtons.forEach((button) => button.addEventListener('click', () => {
    view.mode = button.dataset.window;
    if (view.mode === 'custom' && !view.from && !view.to) {
      const now = Math.floor(Date.now() / 60_000) * 60_000;   // start with the last hour, to edit
      view.from = new Date(now - 3_600_000).toISOString();
      view.to = new Date(now).toISOString();
    }
    follow();
  }));
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();   // Enter in a facet filter applies it through its change event, not here
    if (view.mode !== 'custom' || !ui.customRange.contains(document.activeElement)) return;
    Object.assign(view, customRangeValues(ui.customRange));
    follow();
  });
  setInterval(tickFreshness, 100);
  follow();
}

async function follow() {
  state.stop?.();
  state.stop = null;
  const followed = ++state.followed;
  const view = state.view;
  const name = view.aggregation;
  state.leader = undefined;
  state.chartWindow = null;
  state.updatedAt = null;
  clearTimeout(state.chartTimer);
  ui.board.clear();
  ui.chart.clear();
  ui.chartSubtitle.textContent = 'per window';
  ui.leader.textContent = '—';
  ui.error.hidden = true;
  history.replaceState(null, '', viewToQuery(view));
  const definition = state.definitions.get(name);
  showFacts(definition);
  ui.measure.textContent = `· ${measureUnit(definition)}`;
  ui.board.unit = measureUnit(definition);
  showBound(definition.relativeError);
  renderModes(ui.windowButtons, ui.customRange, definition, view);
  renderFacets(ui.facets, definition, view, (facet, value) => {
    if ((view.facets[facet] ?? '') === value) return;
    if (value) view.facets[facet] = value; else delete view.facets[facet];
    follow();
  });
  const sessionView = definition.window.type === 'SESSION';
  ui.sessions.hidden = !sessionView;
  ui.empty.hidden = true;
  ui.modes.hidden = sessionView;
  if (sessionView) {
    ui.customRange.hidden = true;
    setBadge('none', 'sessions');
    ui.amended.hidden = true;
    state.stop = pollSessions(name, facetParams(view, definition), {
      onStats: (stats) => { markUpdated(stats); renderSessions(ui.sessions, stats); setConnection('live'); },
      onError: (error) => { setConnection('offline'); showError(error.message); },
    });
    return;
  }
  const params = boardParams(view, definition, LIMIT);
  // Read once before streaming: EventSource hides a refused stream's body, so a 400 (a reversed range,
  // a facet the aggregation lacks) would leave a blank board; read here, its detail is shown instead.
  setConnection('connecting');
  let board;
  try {
    board = await leaderboard(name, params);
  } catch (error) {
    if (followed !== state.followed) return;
    if (error.status === 401) return askForKey($('key-form'), error.message);
    setConnection('offline');
    setBadge('none', '—');
    ui.range.textContent = 'no board';
    return showError(error.status === 400 ? `This view cannot be shown: ${error.message}` : error.message);
  }
  if (followed !== state.followed) return;
  showBoard(board);
  state.stop = streamLeaderboard(name, params, {
    onBoard: showBoard,
    onState: setConnection,
  });
}

function showBoard(board) {
  ui.error.hidden = true;
  markUpdated(board);
  showWatermark(board);
  ui.range.textContent = board.window === 'range' && board.windowStart
    ? `${span(board.windowStart, board.windowEnd)} · windows combined`
    : range(board.windowStart, board.windowEnd);
  setBadge(board.entries.length === 0 ? 'none' : board.final ? 'final' : 'provisional',
    board.entries.length === 0 ? '—' : board.final ? 'final' : 'provisional');
  ui.amended.hidden = !board.amended;
  ui.empty.hidden = board.entries.length > 0;
  if (board.relativeError != null) showBound(board.relativeError);
  ui.board.render(board);
  const leader = board.entries[0]?.key ?? null;
  ui.leader.textContent = leader ?? '—';
  const leaderChanged = leader !== state.leader || board.windowStart !== state.chartWindow;
  state.leader = leader;
  state.chartWindow = board.windowStart;
  scheduleChart(board, leaderChanged);
}

/** A sketched measure's error bound beside its unit, in the title and on every entry ("±1 %"); none for exact ones. */
function showBound(relativeError) {
  const bound = errorBound(relativeError);
  ui.bound.textContent = bound;
  ui.bound.hidden = !bound;
  ui.bound.title = bound ? `Sketched: a value may lie up to ${bound.slice(1)} from the exact answer` : '';
  ui.board.bound = bound;
}

/**
 * The watermark beside a board. A final window closed because the watermark passed its end, yet the
 * watermark the API reports is read apart from the rows (the aggregation's status, refreshed on its own
 * clock) and can lag behind them. Shown as is, a final board would claim a watermark before its window's
 * end, which cannot be. What is known for sure then is a lower bound: the watermark is at least the
 * window's end. So the page shows "≥ end" and keeps the reported value in the tooltip, rather than hiding
 * the field or inventing a close time it does not know.
 */
function showWatermark(board) {
  const reported = board.watermark ? Date.parse(board.watermark) : null;
  const end = board.windowEnd ? Date.parse(board.windowEnd) : null;
  if (board.final && end != null && (reported == null || reported < end)) {
    ui.watermark.textContent = `≥ ${clock(board.windowEnd)}`;
    ui.watermark.dataset.watermark = board.windowEnd;
    ui.watermark.title = `The window is final, so the watermark has passed its end (${clock(board.windowEnd)});`
      + ` the aggregation's status still reports ${board.watermark ? clock(board.watermark) : 'none'}.`;
  } else {
    ui.watermark.textContent = clock(board.watermark);
    ui.watermark.dataset.watermark = board.watermark ?? '';
    ui.watermark.title = '';
  }
}

/** The chart follows the leader: at once when the leader changes, else at most every 2 s. */
function scheduleChart(board, now) {
  clearTimeout(state.chartTimer);
  const wait = now ? 0 : Math.max(0, 2000 - (Date.now() - state.lastChartAt));
  state.chartTimer = setTimeout(() => refreshChart(board), wait);
}

async function refreshChart(board) {
  state.lastChartAt = Date.now();
  const followed = state.followed;
  const definition = state.definitions.get(state.view.aggregation);
  if (!board.windowStart || state.leader == null) return;
  // a range board charts its own windows; one window, the windows up to and including it
  const params = { key: state.leader, ...facetParams(state.view, definition) };
  if (board.window === 'range') {
    params.from = board.windowStart;
    params.to = board.windowEnd;
  } else {
    params.to = new Date(Date.parse(board.windowStart) + 1).toISOString();
  }
  try {
    const result = await series(definition.name, params);
    if (followed !== state.followed) return;
    ui.chart.show(result.points, state.leader);
    const unit = [measureUnit(definition), ui.board.bound].filter(Boolean).join(' ');
    ui.chartSubtitle.textContent = `${unit} · ${result.points.length} window${result.points.length === 1 ? '' : 's'} up to ${clock(board.windowEnd)}`
      + (result.truncated ? ' (the newest left out)' : '');
  } catch (error) {
    if (followed !== state.followed) return;
    ui.chartSubtitle.textContent = `chart unavailable: ${error.message}`;
  }
}

function markUpdated(payload) {
  state.updatedAt = performance.now();
  ui.watermark.textContent = clock(payload.watermark);
  ui.late.textContent = number(payload.lateEvents ?? 0);
  tickFreshness();
}

function tickFreshness() {
  ui.freshness.textContent = state.updatedAt == null ? '—' : ago(performance.now() - state.updatedAt);
}

function setConnection(status) {
  ui.connection.dataset.state = status;
  ui.connection.querySelector('b').textContent = status;
}

function setBadge(kind, text) {
  ui.badge.dataset.state = kind;
  ui.badge.textContent = text;
}

function showError(message) {
  ui.error.textContent = message;
  ui.error.hidden = false;
}

function showFacts(definition) {
  const window = definition.window;
  const facts = [
    ['Window', window.type.toLowerCase()],
    ['Size', isoDuration(window.size ?? window.gap)],
    ['Grace', isoDuration(definition.grace)],
    ['Measure', definition.measure.toLowerCase().replaceAll('_', ' ')
      + (definition.percentiles?.length ? ` ${definition.percentiles.map((p) => `p${p}`).join(', ')}` : '')],
    ['Ranked by', definition.groupBy],
  ];
  if (window.advance) facts.splice(2, 0, ['Hop', isoDuration(window.advance)]);
  if (definition.late && definition.late !== 'RECORD') {
    facts.push(['Late events', `${definition.late === 'AMEND' ? 'amended' : 'counted beside'} up to ${isoDuration(definition.allowedLateness)}`]);
  }
  ui.facts.replaceChildren(...facts.map(([label, value]) => {
    const div = document.createElement('div');
    div.innerHTML = '<dt></dt><dd></dd>';
    div.querySelector('dt').textContent = label;
    div.querySelector('dd').textContent = value;
    return div;
  }));
}

start();
