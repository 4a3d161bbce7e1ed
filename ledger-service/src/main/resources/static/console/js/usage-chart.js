// A lease's usage over time, drawn by Chart.js (window.Chart, from the service's own webjar) from the
// usage events of its history; the same numbers are in a table beside it for those who cannot see it.
import { el, table } from './dom.js';

const USAGE = 'UsageRecordedEvent';

/** Every usage report in the history, by period start: revision 1 events hold one report at the top. */
export function reportsOf(events) {
  return events
    .filter((e) => e.type === USAGE || e.payloadType?.endsWith(`.${USAGE}`))
    .flatMap((e) => e.payload.reports ?? [e.payload])
    .map((r) => ({ reportId: r.reportId, periodStart: r.periodStart, periodEnd: r.periodEnd,
      gpuSeconds: Number(r.gpuSeconds ?? 0), chargedUnits: String(r.chargedUnits ?? '') }))
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart));
}

function draw(canvas, reports) {
  let total = 0;
  const cumulative = reports.map((r) => (total += r.gpuSeconds) / 3600);
  return new window.Chart(canvas, {
    data: {
      labels: reports.map((r) => r.periodStart.replace('T', ' ').replace(/:00(\.0+)?Z$/, ' UTC')),
      datasets: [
        { type: 'bar', label: 'GPU-hours in the report', data: reports.map((r) => r.gpuSeconds / 3600),
          backgroundColor: '#7fb3e6', yAxisID: 'y' },
        { type: 'line', label: 'GPU-hours so far', data: cumulative, borderColor: '#0d2137',
          backgroundColor: '#0d2137', yAxisID: 'y1', tension: 0.2 },
      ],
    },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: {
        y: { beginAtZero: true, title: { display: true, text: 'GPU-hours per report' } },
        y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false },
          title: { display: true, text: 'GPU-hours, cumulative' } },
      },
    },
  });
}

export function usageChart(events) {
  const reports = reportsOf(events);
  if (!reports.length) return el('p', { class: 'notice' }, 'No usage recorded yet.');
  const canvas = el('canvas', { id: 'usage-chart', role: 'img',
    'aria-label': `Usage over time: ${reports.length} reports, by period start` });
  const box = el('div', { class: 'chart-box' }, canvas);
  // Chart.js waits for the canvas to be attached to the page before it sizes and draws it.
  draw(canvas, reports);
  const data = table('Usage reports', [
    { label: 'Report', value: (r) => r.reportId },
    { label: 'Period start', value: (r) => r.periodStart },
    { label: 'Period end', value: (r) => r.periodEnd },
    { label: 'GPU-seconds', num: true, value: (r) => r.gpuSeconds },
    { label: 'Charged units', num: true, value: (r) => r.chargedUnits },
  ], reports);
  return [box, el('details', {}, el('summary', {}, 'The chart as a table'), data)];
}
