// Runs: start a generator run (POST /api/runs) and follow recent runs with their verdicts.
import { html, useState } from 'htm/preact/standalone';
import { postJson, usePoll } from './api.js';
import { failure, time } from './format.js';

const DUPLICATES = { duplicates: { rate: 0.2 } };
const LATE = { out_of_order: { window_ms: 3000 }, late: { fraction: 0.05, late_by_ms: 30000 } };
const REPLAY = { replay: { from_sequence: 50, count: 40 } };

/** Each preset is the injection blocks it adds to the base run; absent blocks are not injected. */
export const PRESETS = {
  clean: {},
  duplicates: DUPLICATES,
  late: LATE,
  replay: REPLAY,
  everything: { ...DUPLICATES, ...LATE, ...REPLAY },
};

const BASE = { seed: 42, keys: 4, events_per_key: 200, events_per_second: 200 };

/** The form's fields: [block, field, label]; a null block is a top-level field. */
const FIELDS = [
  [null, 'seed', 'seed'], [null, 'keys', 'keys'], [null, 'events_per_key', 'events per key'],
  [null, 'events_per_second', 'events per second (empty: as fast as possible)'],
  ['duplicates', 'rate', 'duplicate rate'],
  ['out_of_order', 'window_ms', 'out-of-order window (ms)'],
  ['late', 'fraction', 'late fraction'], ['late', 'late_by_ms', 'late by (ms)'],
  ['replay', 'from_sequence', 'replay from sequence'], ['replay', 'count', 'replay count'],
];
const BLOCKS = ['duplicates', 'out_of_order', 'late', 'replay'];
const FIELD_DEFAULTS = { ...DUPLICATES, ...LATE, ...REPLAY };

function formFor(preset) {
  const chosen = PRESETS[preset];
  const form = { preset, on: {}, values: { ...BASE } };
  BLOCKS.forEach((b) => {
    form.on[b] = b in chosen;
    Object.entries(FIELD_DEFAULTS[b]).forEach(([f, v]) => { form.values[`${b}.${f}`] = v; });
  });
  return form;
}

/** The POST /api/runs body the form describes; empty top-level fields are left to the service's defaults. */
export function requestOf(form, windowSizeMs) {
  const request = {};
  FIELDS.filter(([b]) => b === null).forEach(([, f]) => {
    if (form.values[f] !== '' && form.values[f] !== null) {
      request[f] = Number(form.values[f]);
    }
  });
  if (windowSizeMs) {
    request.window_size_ms = windowSizeMs;
  }
  BLOCKS.filter((b) => form.on[b]).forEach((b) => {
    request[b] = {};
    Object.keys(FIELD_DEFAULTS[b]).forEach((f) => { request[b][f] = Number(form.values[`${b}.${f}`]); });
  });
  return request;
}

function RunForm({ lab, onStarted }) {
  const [form, setForm] = useState(formFor('everything'));
  const [outcome, setOutcome] = useState(null);
  const request = requestOf(form, lab && lab.window_size_ms);
  const set = (name, value) => setForm({ ...form, preset: null, values: { ...form.values, [name]: value } });
  const toggle = (block) => setForm({ ...form, preset: null, on: { ...form.on, [block]: !form.on[block] } });
  const submit = (e) => {
    e.preventDefault();
    setOutcome({ pending: true });
    postJson('/api/runs', request).then(
      (run) => {
        setOutcome({ run });
        onStarted(run.run_id);
      },
      (error) => setOutcome({ error }));
  };
  const field = ([block, f, label]) => {
    const name = block ? `${block}.${f}` : f;
    return html`<label class=${block && !form.on[block] ? 'off' : ''}>${label}
      <input name=${name} type="number" step="any" value=${form.values[name]} disabled=${block && !form.on[block]}
        onInput=${(e) => set(name, e.target.value)}/></label>`;
  };
  return html`<form id="run-form" onSubmit=${submit}>
    <div class="presets">preset:
      ${Object.keys(PRESETS).map((p) => html`<button type="button" name="preset" value=${p}
        class=${form.preset === p ? 'chosen' : ''} onClick=${() => setForm(formFor(p))}>${p}</button>`)}
    </div>
    <div class="fields">${FIELDS.filter(([b]) => b === null).map(field)}</div>
    <div class="blocks">${BLOCKS.map((b) => html`<fieldset>
      <legend><label><input type="checkbox" name=${`on.${b}`} checked=${form.on[b]} onChange=${() => toggle(b)}/>
        ${b}</label></legend>${FIELDS.filter(([block]) => block === b).map(field)}</fieldset>`)}</div>
    <details><summary>request</summary><pre id="run-request">POST /api/runs\n${JSON.stringify(request, null, 1)}</pre></details>
    <button type="submit" id="start-run" disabled=${outcome && outcome.pending}>Start run</button>
    ${outcome && outcome.run && html`<span id="run-started" data-run-id=${outcome.run.run_id}>
      started ${outcome.run.run_id}: ${outcome.run.events_planned} events planned</span>`}
    ${outcome && outcome.error && failure(outcome.error)}
  </form>`;
}

const JUDGEMENTS = ['CORRECT', 'LAGGING', 'WRONG', 'MISSING'];

/** Verdict totals per engine and store, as GET /api/runs/{id}/verdict counts them. */
function VerdictTotals({ runId }) {
  const { data, error } = usePoll(`/api/runs/${runId}/verdict`, 5000);
  if (!data) {
    return error ? html`<span class="muted">${error.message}</span>` : html`<span class="muted">…</span>`;
  }
  return html`<table class="totals">${Object.entries(data.totals).map(([engine, stores]) =>
    Object.entries(stores).map(([store, counts]) => html`<tr data-engine=${engine} data-store=${store}>
      <th>${engine}</th><th>${store}</th>
      ${JUDGEMENTS.map((j) => html`<td class=${counts[j] ? `n verdict-${j}` : 'n zero'} title=${j}
        data-judgement=${j}>${counts[j]}</td>`)}</tr>`))}</table>`;
}

function RunRow({ run, selected, onSelect }) {
  const done = run.events_planned ? Math.round((100 * run.events_sent) / run.events_planned) : 0;
  const injected = Object.entries(run.injected).filter(([k, v]) => k !== 'originals' && v > 0)
    .map(([k, v]) => `${v} ${k.replace('_', '-')}`).join(', ');
  return html`<tr data-run-id=${run.run_id} class=${selected ? 'selected' : ''} onClick=${() => onSelect(run.run_id)}>
    <td><button type="button" class="link">${run.run_id}</button><div class="muted">${time(run.created_at)}</div></td>
    <td><span class=${`badge state-${run.state}`}>${run.state}</span>${run.error && html`<div class="error">${run.error}</div>`}</td>
    <td><progress max="100" value=${done}></progress>
      <div class="muted"><span class="events-sent">${run.events_sent}</span> / ${run.events_planned} events</div></td>
    <td>${run.injected.originals} originals${injected && html`<div class="muted">${injected}</div>`}</td>
    <td><${VerdictTotals} runId=${run.run_id}/></td></tr>`;
}

export function Runs({ lab, selectedRun, onSelectRun }) {
  const { data, error } = usePoll('/api/runs?limit=6', 2000);
  return html`<section id="runs" class="panel">
    <h2>Runs</h2>
    <${RunForm} lab=${lab} onStarted=${onSelectRun}/>
    ${error && failure(error)}
    <table class="runs">
      <thead><tr><th>run</th><th>state</th><th>progress</th><th>sent</th>
        <th>verdict per engine and store <span class="muted">(correct · lagging · wrong · missing)</span></th></tr></thead>
      <tbody>${data && data.map((run) => html`<${RunRow} key=${run.run_id} run=${run}
        selected=${run.run_id === selectedRun} onSelect=${onSelectRun}/>`)}</tbody>
    </table>
    ${data && data.length === 0 && html`<p class="muted">No runs yet: start one above.</p>`}
  </section>`;
}
