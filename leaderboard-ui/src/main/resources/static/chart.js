// The leader's value per window, drawn with uPlot (served from its WebJar, no CDN).

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { number } from './format.js';

const axis = {
  stroke: '#8b96ad',
  grid: { stroke: 'rgba(148, 163, 184, 0.08)', width: 1 },
  ticks: { stroke: 'rgba(148, 163, 184, 0.15)', width: 1 },
  font: '12px system-ui, sans-serif',
};

export class LeaderChart {
  constructor(container) {
    this.container = container;
    this.plot = null;
    new ResizeObserver(() => this.resize()).observe(container);
  }

  /** points: the series endpoint's points; label: the group key shown in the legend. */
  show(points, label) {
    const xs = points.map((p) => Date.parse(p.windowStart) / 1000);
    const ys = points.map((p) => p.value);
    const data = [xs, ys];
    // The x-axis spans the windows shown, first start to last end: one window is its own minute (not
    // uPlot's default of years around a lone point), hundreds are the whole stretch.
    this.span = points.length
      ? [xs[0], Math.max(...points.map((p) => Date.parse(p.windowEnd) / 1000))]
      : null;
    if (this.plot && this.label === label) {
      this.plot.setData(data);
      return;
    }
    this.label = label;
    this.plot?.destroy();
    this.plot = new uPlot(this.options(label), data, this.container);
  }

  clear() {
    this.span = null;
    delete this.container.dataset.xMin;
    delete this.container.dataset.xMax;
    this.plot?.destroy();
    this.plot = null;
    this.label = null;
  }

  resize() {
    if (this.plot) this.plot.setSize(this.size());
  }

  size() {
    const width = Math.max(240, this.container.clientWidth);
    return { width, height: width < 500 ? 200 : 250 };
  }

  options(label) {
    return {
      ...this.size(),
      cursor: { points: { size: 8 } },
      // the drawn x range, in epoch seconds, for whoever checks the axis (the browser test)
      hooks: { setScale: [(u, key) => {
        if (key !== 'x') return;
        this.container.dataset.xMin = u.scales.x.min;
        this.container.dataset.xMax = u.scales.x.max;
      }] },
      legend: { show: true, live: true },
      scales: {
        x: { time: true, range: (u, min, max) => this.span ?? (min === max ? [min - 60, max + 60] : [min, max]) },
        y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [axis, { ...axis, size: 56, values: (u, splits) => splits.map((v) => number(v)) }],
      series: [
        {},
        {
          label: label ?? 'all',
          stroke: '#fbbf24',
          width: 2.5,
          fill: (u) => {
            if (!Number.isFinite(u.bbox?.top) || !Number.isFinite(u.bbox?.height)) return 'rgba(251, 191, 36, 0.15)';
            const gradient = u.ctx.createLinearGradient(0, u.bbox.top, 0, u.bbox.top + u.bbox.height);
            gradient.addColorStop(0, 'rgba(251, 191, 36, 0.35)');
            gradient.addColorStop(1, 'rgba(251, 191, 36, 0.02)');
            return gradient;
          },
          points: { show: (u) => u.data[0].length < 40, size: 5, fill: '#fbbf24' },
          value: (u, v) => (v == null ? '—' : number(v)),
        },
      ],
    };
  }
}
