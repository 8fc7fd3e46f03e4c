// The dashboard's charts, drawn with Chart.js: only the controllers, elements and plugins used here are
// registered, so the bundler leaves the rest of the library out. Each function answers a chart's config.

import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale,
  LineController, LineElement, PointElement, ScatterController, Tooltip,
} from 'chart.js';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale,
  LineController, LineElement, PointElement, ScatterController, Tooltip);

const ACCENT = '#2d5bd3';
// Distinct colours for the parts of a doughnut, in the order of the values (most plays first).
const PALETTE = ['#2d5bd3', '#e07a1f', '#2a9d6f', '#b8336a', '#7b5ea7', '#c9a227', '#3a8fb7', '#6b6b76'];
// The heatmap's scale: from a pale to a deep blue as plays grow.
const FEWEST = [232, 238, 252];
const MOST = [22, 52, 140];

Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#1b1b1f';
// Figures appear at once: no animation to wait for, nothing moving for those who would rather it did not.
Chart.defaults.animation = false;

/** Draws {@code config} on {@code canvas}, replacing the chart already there. */
export function draw(canvas, config) {
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } });
}

/** Removes the chart drawn on {@code canvas}, if any. */
export function erase(canvas) {
  Chart.getChart(canvas)?.destroy();
}

const wholeNumbers = { beginAtZero: true, ticks: { precision: 0 } };

/** Plays per day: a line over the days, each day a point. */
export function dailyLine(days) {
  return {
    type: 'line',
    data: {
      labels: days.map((day) => day.day),
      datasets: [{ label: 'Plays', data: days.map((day) => day.plays), borderColor: ACCENT, backgroundColor: ACCENT, tension: 0.2 }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: wholeNumbers, x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } } } },
  };
}

/** A ranking as horizontal bars, most played on top. */
export function rankingBars(labels, plays) {
  return {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Plays', data: plays, backgroundColor: ACCENT }] },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: {
        x: wholeNumbers,
        // Long names are cut short, shorter on a narrow chart, so the bars keep most of the width; the tooltip and the table have them whole.
        y: { ticks: { autoSkip: false, callback(value) { return shorten(this.getLabelForValue(value), this.chart.width < 480 ? 16 : 28); } } },
      },
    },
  };
}

/** Shares of plays as a doughnut, the values named in its legend. */
export function sharesDoughnut(labels, plays) {
  return {
    type: 'doughnut',
    data: { labels, datasets: [{ label: 'Plays', data: plays, backgroundColor: labels.map((_, index) => PALETTE[index % PALETTE.length]) }] },
    options: { plugins: { legend: { position: 'bottom' } } },
  };
}

/**
 * Genres by hour of day as a heatmap. Chart.js has no heatmap controller (and no matrix plugin is
 * served as a Maven artifact), so each cell is a square point of a scatter chart on hour (x) and genre
 * (y), sized to its cell and coloured from pale (few plays) to deep blue (the most).
 */
export function genreHourHeatmap(genres, cells) {
  const most = Math.max(1, ...cells.map((cell) => cell.plays));
  const side = (context) => {
    const area = context.chart.chartArea;
    if (!area) {
      return 4;
    }
    const cell = Math.min(area.width / 24, area.height / Math.max(1, genres.length));
    // Chart.js draws a 'rect' point as a square of side radius * √2; leave a pixel between cells.
    return Math.max(2, (cell - 2) / Math.SQRT2);
  };
  return {
    type: 'scatter',
    data: {
      datasets: [{
        label: 'Plays',
        data: cells.map((cell) => ({ x: cell.hour, y: cell.genre, plays: cell.plays })),
        pointStyle: 'rect',
        pointRadius: side,
        pointHoverRadius: side,
        borderWidth: 0,
        // The fewest plays still show: the scale starts a little above the palest colour.
        backgroundColor: (context) => shade(0.15 + (0.85 * (context.raw?.plays || 0)) / most),
      }],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${item.raw.y}, ${hourLabel(item.raw.x)} UTC: ${item.raw.plays} plays` } },
      },
      scales: {
        x: { type: 'linear', min: -0.5, max: 23.5, title: { display: true, text: 'Hour of day (UTC)' },
          // One tick per hour, at the cells' centres (the axis runs from -0.5 so the first cell fits).
          afterBuildTicks: (axis) => { axis.ticks = Array.from({ length: 24 }, (_, hour) => ({ value: hour })); },
          ticks: { autoSkip: true, maxRotation: 0 }, grid: { display: false } },
        y: { type: 'category', labels: genres, offset: true, grid: { display: false } },
      },
    },
  };
}

/** "07:00" for hour 7. */
export function hourLabel(hour) {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** The heatmap's colour for a share of the most plays (0 to 1). */
export function shade(share) {
  const mix = (index) => Math.round(FEWEST[index] + (MOST[index] - FEWEST[index]) * Math.min(1, Math.max(0, share)));
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

function shorten(label, length) {
  const text = String(label);
  return text.length > length ? `${text.substring(0, length - 1)}…` : text;
}
