// Window inspector: every window of a key in each store (GET /api/aggregates/{key}?scope=...), the ground truth
// with its verdict (GET /api/runs/{run}/verdict), and the decision log of a window (GET /api/decisions).
import { html, useEffect, useState } from 'htm/preact/standalone';
import { getJson, useLoad, usePoll } from './api.js';
import { confidence, failure, time, verdict } from './format.js';

const REFRESH_MS = 5000;
/** Each store and the contract scope that reads it. */
const STORES = [['POSTGRES', 'STRONG', 'PostgreSQL'], ['MONGODB', 'EVENTUAL', 'MongoDB'],
  ['ELASTICSEARCH', 'SEARCH', 'Elasticsearch']];

const windowId = (engine, windowStart) => `${engine}|${windowStart}`;

const settle = (promise) => promise.then((answer) => ({ answer }), (error) => ({ error }));

/** One read per store, then the verdict of the key's run; each part keeps its own failure. */
async function loadKey(key) {
  const path = encodeURIComponent(key);
  const reads = await Promise.all(STORES.map(([, scope]) => settle(getJson(`/api/aggregates/${path}?scope=${scope}`))));
  const stores = {};
  STORES.forEach(([store], i) => { stores[store] = reads[i]; });
  const known = reads.find((r) => r.answer && r.answer.windows.length > 0);
  const runId = known ? known.answer.windows[0].run_id : null;
  const truth = runId ? await settle(getJson(`/api/runs/${encodeURIComponent(runId)}/verdict`)) : null;
  return { key, runId, stores, truth };
}

/** Rows by engine and window: the truth's windows and every store's, in window order. */
function rowsOf(view) {
  const rows = new Map();
  const row = (engine, windowStart, windowEnd) => {
    const id = windowId(engine, windowStart);
    if (!rows.has(id)) rows.set(id, { id, engine, windowStart, windowEnd, cells: {} });
    return rows.get(id);
  };
  if (view.truth && view.truth.answer) {
    view.truth.answer.windows.filter((w) => w.business_key === view.key)
      .forEach((w) => { row(w.engine, w.window_start, w.window_end).truth = w; });
  }
  Object.entries(view.stores).forEach(([store, read]) => {
    if (read.answer) {
      read.answer.windows.forEach((w) => {
        row(w.processing_engine, w.window_start, w.window_end).cells[store] = w;
      });
    }
  });
  return [...rows.values()].sort((a, b) => a.windowStart.localeCompare(b.windowStart) || a.engine.localeCompare(b.engine));
}

function StoreCell({ store, w, judged }) {
  if (!w) {
    return html`<td class="store" data-store=${store}><span class="muted">absent</span> ${verdict(judged)}</td>`;
  }
  const flags = [w.stale && 'stale', w.needs_reprocessing && 'needs reprocessing',
    w.dropped_late_events > 0 && `${w.dropped_late_events} dropped late`].filter(Boolean).join(', ');
  return html`<td class="store" data-store=${store}>
    <div><b data-field="value">${w.value}</b> <span class="muted">(<span data-field="event_count">${w.event_count}</span> events)</span>
      ${verdict(judged)}</div>
    <div>v<span data-field="version">${w.version}</span> · rev ${w.revision} · ${confidence(w.confidence)}</div>
    <div class="muted">${w.consistency_scope} from ${w.served_from}${w.lag.versions_behind > 0
      && html`, ${w.lag.versions_behind} versions / ${w.lag.ms} ms behind`}</div>
    <div class="muted">checkpoint ${time(w.last_checkpoint_time)} · CDC ${time(w.last_cdc_sync_time)}</div>
    ${flags && html`<div class="flags">${flags}</div>`}
    ${w.fallback_reason && html`<div class="muted" data-field="fallback_reason">${w.fallback_reason}</div>`}</td>`;
}

function WindowRow({ row, selected, onSelect }) {
  const truth = row.truth;
  const judged = (store) => truth && truth.stores[store] && truth.stores[store].verdict;
  return html`<tr class=${`window ${selected ? 'selected' : ''}`} data-engine=${row.engine} data-window-start=${row.windowStart}
      onClick=${() => onSelect(row.id)}>
    <td>${time(row.windowStart)}<div class="muted">to ${time(row.windowEnd)}</div></td><td>${row.engine}</td>
    <td class="truth">${truth ? html`<b data-field="expected">${truth.expected === null ? '–' : truth.expected}</b>
      <span class="muted"> (${truth.expected_count === null ? 'not expected' : `${truth.expected_count} events`})</span>`
      : html`<span class="muted">–</span>`}</td>
    ${STORES.map(([store]) => html`<${StoreCell} store=${store} w=${row.cells[store]} judged=${judged(store)}/>`)}</tr>`;
}

function DecisionLog({ businessKey, row }) {
  const path = row
    ? `/api/decisions?size=100&resultKey=${encodeURIComponent(`${row.engine}|${businessKey}|${row.windowStart}`)}`
    : `/api/decisions?size=20&businessKey=${encodeURIComponent(businessKey)}`;
  const { data, error } = usePoll(path, REFRESH_MS);
  return html`<div id="decision-log">
    <h3>Decision log ${row ? html`of ${row.engine} window ${time(row.windowStart)}`
      : html`of the key <span class="muted">(latest 20; click a window for its own)</span>`}</h3>
    ${error && failure(error)}
    ${data && html`<p class="muted">${data.total} decisions, newest first</p>
    <table class="decisions"><thead><tr><th>decided</th><th>engine · window</th><th>decision</th><th>confidence</th>
      <th>version</th><th>value</th><th>reason</th><th>record</th></tr></thead>
    <tbody>${data.items.map((d) => html`<tr data-decision=${d.decision}><td>${time(d.decided_at)}</td>
      <td>${d.after.processing_engine} · ${time(d.after.window_start)}</td><td>${d.decision}</td>
      <td>${confidence(d.confidence_before)} → ${confidence(d.confidence_after)}</td>
      <td>${d.version_before === null ? '–' : d.version_before} → ${d.version_after}</td><td>${d.after.calculated_value}</td>
      <td class="reason">${d.reason}</td><td class="muted">${d.topic}/${d.partition}@${d.offset}</td></tr>`)}</tbody></table>`}
  </div>`;
}

export function WindowInspector({ runId, businessKey, onKey }) {
  const [draft, setDraft] = useState(businessKey || '');
  const [selected, setSelected] = useState(null);
  useEffect(() => {
    setDraft(businessKey || '');
    setSelected(null);
  }, [businessKey]);
  const summary = usePoll(runId ? `/api/runs/${encodeURIComponent(runId)}/summary` : null, 0);
  const keys = summary.data ? [...new Set(summary.data.windows.map((w) => w.business_key))] : [];
  const { data: view, error } = useLoad(businessKey && (() => loadKey(businessKey)), businessKey, REFRESH_MS);
  const rows = view ? rowsOf(view) : [];
  const row = rows.find((r) => r.id === selected) || null;
  const open = (e) => {
    e.preventDefault();
    onKey(draft.trim());
  };
  return html`<section id="inspector" class="panel">
    <h2>Window inspector</h2>
    <form class="filters" onSubmit=${open}>
      <label>key <input name="inspect-key" list="run-keys" value=${draft} placeholder="business key"
        onInput=${(e) => setDraft(e.target.value)}/></label>
      <datalist id="run-keys">${keys.map((k) => html`<option value=${k}/>`)}</datalist>
      <button type="submit" id="inspect">Inspect</button>
      ${keys.length > 0 && html`<span class="muted">keys of run ${runId}:
        ${keys.map((k) => html` <button type="button" class="link" onClick=${() => onKey(k)}>${k.substring(k.lastIndexOf('-') + 1)}</button>`)}</span>`}
    </form>
    ${!businessKey && html`<p class="muted">Pick a key: from the feed, from a run, or type one.</p>`}
    ${error && failure(error)}
    ${view && html`
      <p class="muted">key <b id="inspected-key">${view.key}</b>${view.runId && ` of run ${view.runId}`};
        ground truth and verdicts from GET /api/runs/${view.runId}/verdict${view.truth && view.truth.error
          && html` (<span class="error">${view.truth.error.message}</span>)`}; refreshed every ${REFRESH_MS / 1000} s</p>
      <table class="windows">
        <thead><tr><th>window</th><th>engine</th><th>ground truth</th>
          ${STORES.map(([store, scope, name]) => html`<th data-store=${store}>${name} <span class="muted">scope=${scope}</span>
            ${view.stores[store].error && html`<div class="unavailable">${view.stores[store].error.status}:
              ${[view.stores[store].error.message, ...view.stores[store].error.details].join(' — ')}</div>`}</th>`)}</tr></thead>
        <tbody>${rows.map((r) => html`<${WindowRow} key=${r.id} row=${r} selected=${r.id === selected}
          onSelect=${setSelected}/>`)}</tbody>
      </table>
      <${DecisionLog} businessKey=${view.key} row=${row}/>`}
  </section>`;
}
