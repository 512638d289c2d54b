// Store lag: GET /api/read-models polled every 2 s; how far MongoDB and Elasticsearch trail PostgreSQL over time.
import { html, useEffect, useRef } from 'htm/preact/standalone';
import * as echarts from 'echarts';
import { usePoll } from './api.js';
import { failure, time } from './format.js';

export const POLL_MS = 2000;
const KEEP_SAMPLES = 300;

function chartOption(history) {
  const series = [];
  Object.entries(history).forEach(([store, samples]) => {
    series.push({ name: `${store} versions behind`, type: 'line', yAxisIndex: 0, showSymbol: false, step: 'end',
      data: samples.map((s) => [s.at, s.versions_behind]) });
    series.push({ name: `${store} ms behind`, type: 'line', yAxisIndex: 1, showSymbol: false,
      lineStyle: { type: 'dashed' }, data: samples.map((s) => [s.at, s.lag_ms]) });
  });
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 60, top: 50, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: [{ type: 'value', name: 'versions', minInterval: 1 }, { type: 'value', name: 'ms' }],
    series,
  };
}

function LagChart({ models, at }) {
  const element = useRef(null);
  const chart = useRef(null);
  const history = useRef({});
  useEffect(() => {
    chart.current = echarts.init(element.current);
    const resize = () => chart.current.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current.dispose();
    };
  }, []);
  useEffect(() => {
    models.forEach((m) => {
      const samples = history.current[m.store] || (history.current[m.store] = []);
      samples.push({ at: at.getTime(), versions_behind: m.versions_behind, lag_ms: m.lag_ms });
      samples.splice(0, Math.max(0, samples.length - KEEP_SAMPLES));
    });
    chart.current.setOption(chartOption(history.current), true);
  }, [models]);
  return html`<div id="lag-chart" class="chart" ref=${element}></div>`;
}

export function StoreLag() {
  const { data, error, at } = usePoll('/api/read-models', POLL_MS);
  let body;
  if (error && error.status === 404) {
    body = html`<p id="lag-unavailable" class="muted">Unavailable: this deployment has no CDC read models
      (GET /api/read-models answered 404). PostgreSQL is the only store.</p>`;
  } else if (!data) {
    body = error ? failure(error) : html`<p class="muted">reading…</p>`;
  } else {
    body = html`${error && failure(error)}<${LagChart} models=${data} at=${at}/>
      <table class="read-models"><thead><tr><th>store</th><th>scope</th><th>reachable</th><th>documents</th>
        <th>windows behind</th><th>versions behind</th><th>ms behind</th><th>last CDC sync</th></tr></thead>
      <tbody>${data.map((m) => html`<tr data-store=${m.store}><td>${m.store}</td><td>${m.scope}</td>
        <td>${m.reachable ? 'yes' : html`<span class="error">no: ${m.error}</span>`}</td><td>${m.documents}</td>
        <td>${m.windows_behind}</td><td>${m.versions_behind}</td><td>${m.lag_ms}</td><td>${time(m.last_cdc_sync_time)}</td>
      </tr>`)}</tbody></table>`;
  }
  return html`<section id="lag" class="panel">
    <h2>Store lag <span class="muted">behind PostgreSQL, polled every ${POLL_MS / 1000} s</span></h2>${body}</section>`;
}
