// What the page shows, kept in the query string so a view can be shared: the aggregation, the window
// (live, last closed, or a range: last hour, last day, a custom from..to) and the facet filters.
// The same state gives the parameters of the board, its stream and the chart's series.

export const FACETS = ['type', 'country', 'plan'];
const LAST = { '1h': '1h', '24h': '24h' };

/** The view a URL asks for; unknown values fall back to the live window and no filters. */
export function viewFromUrl(search) {
  const params = new URLSearchParams(search);
  const view = { aggregation: params.get('aggregation'), mode: 'current', from: null, to: null, facets: {} };
  if (params.get('last') in LAST) view.mode = params.get('last');
  else if (params.has('from') || params.has('to')) {
    view.mode = 'custom';
    view.from = params.get('from');
    view.to = params.get('to');
  } else if (params.get('window') === 'closed') view.mode = 'closed';
  for (const facet of FACETS) if (params.get(facet)) view.facets[facet] = params.get(facet);
  return view;
}

export function viewToQuery(view) {
  const query = new URLSearchParams({ aggregation: view.aggregation });
  if (view.mode === 'current' || view.mode === 'closed') query.set('window', view.mode);
  else if (view.mode === 'custom') {
    if (view.from) query.set('from', view.from);
    if (view.to) query.set('to', view.to);
  } else query.set('last', view.mode);
  for (const [facet, value] of Object.entries(view.facets)) if (value) query.set(facet, value);
  return `?${query}`;
}

export const isRange = (view) => !(view.mode === 'current' || view.mode === 'closed');

/** The filters the aggregation is split by; a shared URL's filter on another facet is left out. */
export function facetParams(view, definition) {
  const params = {};
  for (const facet of definition.facets ?? []) if (view.facets[facet]) params[facet] = view.facets[facet];
  return params;
}

/** The parameters of GET /v1/leaderboards and its stream for this view. */
export function boardParams(view, definition, limit) {
  const params = { limit, ...facetParams(view, definition) };
  if (!isRange(view)) params.window = view.mode;
  else if (view.mode === 'custom') {
    // both sent as given, even when empty or reversed: the API's problem says what is wrong
    params.from = view.from ?? '';
    params.to = view.to ?? '';
  } else params.last = LAST[view.mode];
  return params;
}

/**
 * Why a range board cannot be asked for this aggregation, or null when it can: ranges combine the
 * windows of a tumbling aggregation (others overlap or do not tile time), for every measure but exact
 * distinct users.
 */
export function whyNoRange(definition) {
  const type = definition.window.type;
  if (type !== 'TUMBLING') {
    return `Ranges combine tumbling windows only: ${definition.name} has ${type.toLowerCase()} windows, which`
      + ' overlap or do not tile time, so events would count more than once.';
  }
  if (definition.measure === 'DISTINCT_USERS') {
    return `Exact distinct users do not combine over windows (a user seen in two would count twice): ${definition.name}`
      + ' measures distinct-users; approx-distinct-users does.';
  }
  return null;
}
