// The ranked list. Rows are keyed by group key and reused, so a rank change is a move: each row
// slides from its old position to its new one (FLIP: measure, reorder, invert, play).

import { number, otherPercentiles } from './format.js';

export class Board {
  constructor(list) {
    this.list = list;
    this.rows = new Map(); // key -> { element, rank, value }
    this.unit = ''; // what the values are: "events", "users", "sum of value" (format.js measureUnit)
    this.bound = ''; // a sketched measure's error bound, "±1 %" (format.js errorBound); '' for exact ones
  }

  render(board) {
    const entries = board.entries;
    const top = Math.max(...entries.map((e) => e.value), 0) || 1;
    const before = new Map();
    for (const [key, row] of this.rows) before.set(key, row.element.getBoundingClientRect().top);

    const seen = new Set();
    entries.forEach((entry) => {
      seen.add(entry.key);
      let row = this.rows.get(entry.key);
      if (!row) {
        row = { element: createRow(), rank: null, value: null };
        row.element.classList.add('entering');
        this.rows.set(entry.key, row);
      }
      update(row, entry, top, this.unit, this.bound);
      this.list.appendChild(row.element); // appending in rank order reorders the DOM
    });
    for (const [key, row] of this.rows) {
      if (!seen.has(key)) {
        row.element.remove();
        this.rows.delete(key);
      }
    }

    for (const [key, row] of this.rows) {
      const old = before.get(key);
      if (old == null) continue;
      const delta = old - row.element.getBoundingClientRect().top;
      if (Math.abs(delta) < 1) continue;
      const element = row.element;
      element.style.transition = 'none';
      element.style.transform = `translateY(${delta}px)`;
      element.getBoundingClientRect(); // commit the inverted position before playing
      element.style.transition = 'transform 650ms cubic-bezier(0.2, 0.8, 0.2, 1)';
      element.style.transform = '';
    }
  }

  clear() {
    this.list.replaceChildren();
    this.rows.clear();
  }
}

function createRow() {
  const li = document.createElement('li');
  li.className = 'entry';
  li.dataset.testid = 'entry';
  li.innerHTML = `
    <span class="bar"></span>
    <span class="rank"></span>
    <span class="who"><span class="key"></span><span class="meta"><span class="delta"></span><span class="tick"></span><span class="tick amended" hidden title="a late event reopened this final window: the value includes it">amended</span><span class="count"></span><span class="late" hidden title="late events counted beside the value (late: side), not in it"></span></span></span>
    <span class="value"><span class="number"></span><small><span class="unit"></span><span class="bound" hidden></span> · rev <span class="revision"></span></small><small class="percentiles" hidden></small></span>`;
  li.addEventListener('animationend', () => li.classList.remove('entering', 'bump'));
  return li;
}

function update(row, entry, top, unit, bound) {
  const el = row.element;
  el.dataset.key = entry.key;
  el.dataset.rank = entry.rank;
  el.querySelector('.rank').textContent = entry.rank;
  el.querySelector('.key').textContent = entry.key;
  el.querySelector('.key').title = entry.key;
  el.querySelector('.number').textContent = number(entry.value);
  el.querySelector('.revision').textContent = entry.revision;
  el.querySelector('.unit').textContent = unit;
  const boundLabel = el.querySelector('.bound');
  boundLabel.textContent = bound;
  boundLabel.hidden = !bound;
  const percentiles = el.querySelector('.percentiles');   // a percentiles board: the declared ones after the value's
  percentiles.textContent = otherPercentiles(entry.percentiles);
  percentiles.hidden = !percentiles.textContent;
  el.querySelector('.count').textContent = `${number(entry.count)} events`;
  el.querySelector('.bar').style.width = `${Math.max(2, (entry.value / top) * 100)}%`;

  const tick = el.querySelector('.tick');
  tick.textContent = entry.final ? 'final' : 'provisional';
  tick.className = `tick ${entry.final ? 'final' : 'provisional'}`;
  el.dataset.amended = String(Boolean(entry.amended));
  el.querySelector('.tick.amended').hidden = !entry.amended;
  const lateCount = entry.lateCount ?? 0;
  el.dataset.lateCount = lateCount;
  const late = el.querySelector('.late');
  late.hidden = lateCount === 0;
  late.textContent = `+${number(lateCount)} late`;

  const delta = el.querySelector('.delta');
  if (row.rank == null) {
    delta.textContent = row.value == null && el.classList.contains('entering') ? 'new' : '';
    delta.className = 'delta new';
  } else if (entry.rank < row.rank) {
    delta.textContent = `▲ ${row.rank - entry.rank}`;
    delta.className = 'delta up';
  } else if (entry.rank > row.rank) {
    delta.textContent = `▼ ${entry.rank - row.rank}`;
    delta.className = 'delta down';
  } else if (delta.classList.contains('new')) {
    delta.textContent = '';
  }
  if (row.value != null && entry.value > row.value) {
    el.classList.remove('bump');
    void el.offsetWidth; // restart the animation
    el.classList.add('bump');
  }
  row.rank = entry.rank;
  row.value = entry.value;
}
