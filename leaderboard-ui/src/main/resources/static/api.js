// The query API as the page uses it: JSON reads and one live leaderboard stream, each with the read key.

import { readKey } from './key.js';

export async function getJson(path) {
  const headers = { Accept: 'application/json' };
  if (readKey()) headers['X-Api-Key'] = readKey();
  const response = await fetch(path, { headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || `${path} answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

export const aggregations = () => getJson('/v1/aggregations');

/** One board, read once: a 400 problem (a bad range, a facet the aggregation lacks) surfaces here, not in a stream. */
export const leaderboard = (aggregation, params) =>
  getJson(`/v1/leaderboards/${encodeURIComponent(aggregation)}?${new URLSearchParams(params)}`);

/** params: key, from, to and facet filters; absent ones are left out. */
export function series(aggregation, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value != null && value !== '') query.set(name, value);
  return getJson(`/v1/aggregations/${encodeURIComponent(aggregation)}/series?${query}`);
}

/** The values each facet of an aggregation takes: { facets: { country: ['DE', ...], ... } }. */
export const facetChoices = (aggregation) => getJson(`/v1/aggregations/${encodeURIComponent(aggregation)}/facets`);

/** params: facet filters (and from, to, key as the endpoint takes them). */
export const sessions = (aggregation, params = {}) =>
  getJson(`/v1/aggregations/${encodeURIComponent(aggregation)}/sessions?${new URLSearchParams(params)}`);

/**
 * Opens the SSE stream of a board. The browser's EventSource reconnects by itself and sends
 * Last-Event-ID, so the server only resends the board when it changed meanwhile. A stream the
 * server refuses (4xx/5xx) is closed for good by EventSource: retry it here with a back-off.
 */
export function streamLeaderboard(aggregation, params, { onBoard, onState }) {
  let source;
  let retryTimer;
  let retryDelay = 1000;
  let stopped = false;
  const query = new URLSearchParams(params);
  if (readKey()) query.set('access_token', readKey());   // EventSource cannot send headers
  const url = `/v1/stream/leaderboards/${encodeURIComponent(aggregation)}?${query}`;

  const open = () => {
    onState('connecting');
    source = new EventSource(url);
    source.addEventListener('open', () => { retryDelay = 1000; onState('live'); });
    source.addEventListener('leaderboard', (event) => {
      onState('live');
      onBoard(JSON.parse(event.data));
    });
    source.addEventListener('error', () => {
      if (stopped) return;
      if (source.readyState === EventSource.CLOSED) {
        onState('offline');
        retryTimer = setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30_000);
      } else {
        onState('reconnecting');
      }
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
