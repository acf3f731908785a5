// Health of each component and the last hour's throughput (GET /health, GET /stats), refreshed every 5 s.
import { get } from '../api.js';
import { el, badge, guarded, lineChart, table, row, cell, time } from '../ui.js';

export default function overview(main) {
  const health = el('div', { id: 'health' });
  const charts = el('div', { class: 'grid', id: 'charts' });
  main.append(el('h1', {}, 'Overview'), health, charts);

  async function refresh() {
    await guarded(async () => {
      const [h, stats] = await Promise.all([get('/health').catch((e) => e.status === 503 ? e.body : Promise.reject(e)), get('/stats')]);
      renderHealth(h);
      renderCharts(stats);
    });
  }

  function renderHealth(h) {
    const rows = Object.entries((h && h.components) || {}).map(([name, c]) =>
      row([cell(name), cell(badge(c.status)), cell(details(c), 'optional')]));
    health.replaceChildren(el('div', { class: 'card' },
      el('h2', {}, 'Health ', h ? badge(h.status) : ''), h ? el('div', { class: 'status-line' }, 'As of ', time(h.timestamp)) : '',
      table(['Component', 'Status', { label: 'Details', optional: true }], rows)));
  }

  /** A component's fields other than its status, on one line: "type memory · events 12". */
  function details(component) {
    return Object.entries(component).filter(([k]) => k !== 'status')
      .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ');
  }

  function renderCharts(stats) {
    const times = stats.points.map((p) => p.time);
    const t = stats.totals;
    charts.replaceChildren(
      lineChart('Events per second', times, [
        { name: 'published', color: '#2454c5', values: stats.points.map((p) => p.published_per_second) },
        { name: 'delivered', color: '#1c7c3c', values: stats.points.map((p) => p.delivered_per_second) }]),
      lineChart(`Failures and dead letters per ${stats.interval_seconds} s`, times, [
        { name: 'failed attempts', color: '#d9822b', values: stats.points.map((p) => p.failed) },
        { name: 'new dead letters', color: '#b3261e', values: stats.points.map((p) => p.dead_lettered) }]),
      el('div', { class: 'card', id: 'totals' }, el('h2', {}, 'Since this server started'),
        table(['Published', 'Delivered', 'Failed attempts', 'Dead letters now', 'Mean delivery'], [row([
          cell(t.published), cell(t.delivered), cell(t.failed), cell(t.dead_letters), cell(`${t.average_delivery_ms.toFixed(1)} ms`)])]),
        el('p', { class: 'status-line' }, 'Counts of this server instance, every tenant together (like /metrics).')));
  }

  refresh();
  const timer = setInterval(refresh, 5000);
  return () => clearInterval(timer);
}
