// The explorer's controls: one filter per facet the aggregation is split by, and the window or range
// buttons with the custom from..to inputs. They read from and report to the view (view.js).

import { isoToLocalInput, localInputToIso } from './format.js';
import { whyNoRange } from './view.js';

/**
 * A text filter per declared facet (type, country, plan), empty meaning all. The API has no list of
 * a facet's values, so the value is typed; a change (enter or leaving the field) applies it.
 */
export function renderFacets(container, definition, view, onChange) {
  const facets = definition.facets ?? [];
  container.hidden = facets.length === 0;
  container.replaceChildren(...facets.map((facet) => {
    const label = document.createElement('label');
    label.className = 'field';
    label.innerHTML = '<span></span><input type="search" placeholder="all" autocomplete="off" spellcheck="false">';
    label.querySelector('span').textContent = facet;
    const input = label.querySelector('input');
    input.dataset.facet = facet;
    input.setAttribute('aria-label', `Filter by ${facet}`);
    input.value = view.facets[facet] ?? '';
    input.addEventListener('change', () => onChange(facet, input.value.trim()));
    return label;
  }));
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
