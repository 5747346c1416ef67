// Wires the page: pick an aggregation and a window, follow its board over SSE, chart the leader.

import { aggregations, series, streamLeaderboard } from './api.js';
import { Board } from './board.js';
import { askForKey, takeKeyFromUrl } from './key.js';
import { LeaderChart } from './chart.js';
import { ago, clock, isoDuration, number, range } from './format.js';
import { pollSessions, renderSessions } from './sessions.js';

const LIMIT = 10;
const $ = (id) => document.getElementById(id);
const ui = {
  aggregation: $('aggregation'), windowButtons: document.querySelectorAll('[data-window]'),
  board: new Board($('board')), chart: new LeaderChart($('chart')),
  badge: $('badge'), amended: $('amended-badge'), range: $('window-range'), connection: $('connection'), freshness: $('freshness'),
  watermark: $('watermark'), late: $('late-events'), empty: $('empty'), error: $('error'),
  sessions: $('sessions'), leader: $('leader-key'), facts: $('facts'), chartSubtitle: $('chart-subtitle'),
};

const state = { definitions: new Map(), aggregation: null, window: 'current', stop: null, updatedAt: null,
  leader: undefined, chartWindow: null, chartTimer: null, lastChartAt: 0 };

async function start() {
  takeKeyFromUrl();
  $('limit-label').textContent = LIMIT;
  const params = new URLSearchParams(location.search);
  state.window = params.get('window') === 'closed' ? 'closed' : 'current';
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
  const wanted = params.get('aggregation');
  ui.aggregation.value = state.definitions.has(wanted) ? wanted : ui.aggregation.options[0].value;
  ui.aggregation.addEventListener('change', () => follow(ui.aggregation.value));
  ui.windowButtons.forEach((button) => button.addEventListener('click', () => {
    state.window = button.dataset.window;
    follow(state.aggregation);
  }));
  setInterval(tickFreshness, 100);
  follow(ui.aggregation.value);
}

function follow(name) {
  state.stop?.();
  state.aggregation = name;
  state.leader = undefined;
  state.chartWindow = null;
  state.updatedAt = null;
  ui.board.clear();
  ui.chart.clear();
  ui.error.hidden = true;
  ui.windowButtons.forEach((b) => b.setAttribute('aria-checked', String(b.dataset.window === state.window)));
  history.replaceState(null, '', `?aggregation=${encodeURIComponent(name)}&window=${state.window}`);
  const definition = state.definitions.get(name);
  showFacts(definition);
  const sessionView = definition.window.type === 'SESSION';
  ui.sessions.hidden = !sessionView;
  ui.empty.hidden = true;
  document.querySelector('.segmented').hidden = sessionView;
  if (sessionView) {
    setBadge('none', 'sessions');
    ui.amended.hidden = true;
    state.stop = pollSessions(name, {
      onStats: (stats) => { markUpdated(stats); renderSessions(ui.sessions, stats); setConnection('live'); },
      onError: (error) => { setConnection('offline'); showError(error.message); },
    });
    return;
  }
  state.stop = streamLeaderboard(name, { window: state.window, limit: LIMIT }, {
    onBoard: showBoard,
    onState: setConnection,
  });
}

function showBoard(board) {
  ui.error.hidden = true;
  markUpdated(board);
  ui.range.textContent = range(board.windowStart, board.windowEnd);
  setBadge(board.entries.length === 0 ? 'none' : board.final ? 'final' : 'provisional',
    board.entries.length === 0 ? '—' : board.final ? 'final' : 'provisional');
  ui.amended.hidden = !board.amended;
  ui.empty.hidden = board.entries.length > 0;
  ui.board.render(board);
  const leader = board.entries[0]?.key ?? null;
  ui.leader.textContent = leader ?? '—';
  const leaderChanged = leader !== state.leader || board.windowStart !== state.chartWindow;
  state.leader = leader;
  state.chartWindow = board.windowStart;
  scheduleChart(board, leaderChanged);
}

/** The chart follows the leader: at once when the leader changes, else at most every 2 s. */
function scheduleChart(board, now) {
  clearTimeout(state.chartTimer);
  const wait = now ? 0 : Math.max(0, 2000 - (Date.now() - state.lastChartAt));
  state.chartTimer = setTimeout(() => refreshChart(board), wait);
}

async function refreshChart(board) {
  state.lastChartAt = Date.now();
  const aggregation = state.aggregation;
  if (!board.windowStart || state.leader == null) return;
  try {
    const to = new Date(Date.parse(board.windowStart) + 1).toISOString();
    const result = await series(aggregation, state.leader, to);
    if (aggregation !== state.aggregation) return;
    ui.chart.show(result.points, state.leader);
    ui.chartSubtitle.textContent = `${result.points.length} windows up to ${clock(board.windowEnd)}`;
  } catch (error) {
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
    ['Measure', definition.measure.toLowerCase().replace('_', ' ')],
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
