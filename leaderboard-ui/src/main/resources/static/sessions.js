// The view of a session aggregation: every session is its own window, so instead of a board the
// page shows how long and how busy sessions are, refreshed every few seconds.

import { sessions } from './api.js';
import { duration, number, range } from './format.js';

export function renderSessions(container, stats) {
  const tiles = [
    ['Sessions', number(stats.sessions)],
    ['Users', number(stats.users)],
    ['Open now', number(stats.openSessions)],
    ['Events / session', number(Math.round(stats.avgEventsPerSession * 100) / 100)],
    ['Avg length', duration(stats.avgLengthMs)],
    ['Longest', duration(stats.maxLengthMs)],
  ];
  container.replaceChildren();
  const grid = document.createElement('div');
  grid.className = 'tiles';
  for (const [label, value] of tiles) {
    const tile = document.createElement('div');
    tile.className = 'tile';
    tile.innerHTML = '<small></small><b></b>';
    tile.querySelector('small').textContent = label;
    tile.querySelector('b').textContent = value;
    grid.appendChild(tile);
  }
  container.appendChild(grid);
  const list = document.createElement('ol');
  list.className = 'board';
  stats.top.forEach((session, index) => {
    const li = document.createElement('li');
    li.className = 'entry';
    li.dataset.rank = index + 1;
    li.dataset.key = session.key;
    li.innerHTML = `<span class="rank"></span><span class="who"><span class="key"></span><span class="meta"></span></span>
      <span class="value"><span class="number"></span><small>events</small></span>`;
    li.querySelector('.rank').textContent = index + 1;
    li.querySelector('.key').textContent = session.key;
    li.querySelector('.meta').textContent = `${duration(session.lengthMs)} · ${range(session.windowStart, session.windowEnd)}`
      + (session.final ? ' · final' : ' · open');
    li.querySelector('.number').textContent = number(session.count);
    list.appendChild(li);
  });
  container.appendChild(list);
}

/** Polls the statistics (filtered by params' facets) until the returned function is called. */
export function pollSessions(aggregation, params, { onStats, onError }, everyMs = 5000) {
  let timer;
  let stopped = false;
  const tick = async () => {
    try {
      const stats = await sessions(aggregation, params);
      if (!stopped) onStats(stats);
    } catch (error) {
      if (!stopped) onError(error);
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
