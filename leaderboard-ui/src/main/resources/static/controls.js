// The explorer's controls: one filter per facet the aggregation is split by, and the window or range
// buttons with the custom from..to inputs. They read from and report to the view (view.js).

import { facetChoices } from './api.js';
import { isoToLocalInput, localInputToIso } from './format.js';
import { whyNoRange } from './view.js';

/**
 * A selector per declared facet (type, country, plan), "all" by default. Its values come from the API
 * (GET /v1/aggregations/{name}/facets); a value the URL asks for is offered even when that list lacks it.
 */
export function renderFacets(container, definition, view, onChange) {
  const facets = definition.facets ?? [];
  container.hidden = facets.length === 0;
  const selects = new Map();
  container.replaceChildren(...facets.map((facet) => {
    const label = document.createElement('label');
    label.className = 'field';
    label.innerHTML = '<span></span><select></select>';
    label.querySelector('span').textContent = facet;
    const select = label.querySelector('select');
    select.dataset.facet = facet;
    select.setAttribute('aria-label', `Filter by ${facet}`);
    fill(select, [], view.facets[facet]);
    select.addEventListener('change', () => onChange(facet, select.value));
    selects.set(facet, select);
    return label;
  }));
  if (facets.length === 0) return;
  facetChoices(definition.name).then((choices) => {
    for (const [facet, select] of selects) {
      if (select.isConnected) fill(select, choices.facets?.[facet] ?? [], view.facets[facet]);
    }
  }).catch(() => { /* the selectors keep "all" and the URL's value; the board says what is wrong, if anything */ });
}

function fill(select, values, chosen) {
  const options = [...new Set([...(chosen ? [chosen] : []), ...values])].sort((a, b) => a.localeCompare(b));
  select.replaceChildren(new Option('all', ''), ...options.map((value) => new Option(value, value)));
  select.value = chosen ?? '';
}

/** Marks the chosen mode, disables the ranges an aggregation cannot have (the tooltip says why), shows the custom inputs. */
export function renderModes(buttons, customRange, definition, view) {
  const whyNot = whyNoRange(definition);
  buttons.forEach((button) => {
    const range = !['current', 'closed'].includes(button.dataset.window);
    button.setAttribute('aria-checked', String(button.dataset.window === view.mode));
    button.disabled = range && whyNot != null;
    button.title = range && whyNot ? whyNot : '';
  });
  customRange.hidden = view.mode !== 'custom';
  customRange.querySelector('#range-from').value = isoToLocalInput(view.from);
  customRange.querySelector('#range-to').value = isoToLocalInput(view.to);
}

/** The custom range the inputs hold, as ISO-8601 (null for an empty input). */
export function customRangeValues(customRange) {
  return {
    from: localInputToIso(customRange.querySelector('#range-from').value),
    to: localInputToIso(customRange.querySelector('#range-to').value),
  };
}
