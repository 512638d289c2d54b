// The decision table: each scenario's expected outcome per engine and store (SPEC §11), and beside it what the
// latest experiment observed (GET /api/experiments/latest, written by ./lab demo and ./lab test).
import { html } from 'htm/preact/standalone';
import { usePoll } from './api.js';
import { failure, time } from './format.js';

const POLL_MS = 30000;
const COLUMNS = ['postgres', 'mongodb', 'elasticsearch', 'decision'];
const EXPECTED = [
  ['restart duplication', 'KAFKA_ONLY', 'upsert', 'CDC applied', 'CDC applied', 'confidence=LOW'],
  ['restart duplication', 'FLINK', 'stable', 'CDC applied', 'CDC applied', 'confidence=HIGH'],
  ['late event', 'KAFKA_ONLY', 'update', 'update', 'update', 'stale marked'],
  ['late event', 'FLINK', 'update', 'update', 'update', 'window recomputed'],
  ['CDC delay', 'ALL', 'stable', 'lagging', 'lagging', 'EVENTUAL marked'],
].map(([scenario, engine, postgres, mongodb, elasticsearch, decision]) =>
  ({ scenario, engine, expected: { postgres, mongodb, elasticsearch, decision }, observed: null, result: null }));

const RESULT_CLASS = { MATCHES: 'verdict-CORRECT', DIFFERS: 'verdict-WRONG' };

function cell(row, column) {
  const expected = row.expected[column];
  if (!row.observed) {
    return html`<td data-field=${column}>${expected}</td>`;
  }
  const observed = row.observed[column];
  return html`<td data-field=${column} class=${observed === expected ? '' : 'differs'}>
    ${observed}${observed !== expected && html`<div class="muted">expected ${expected}</div>`}</td>`;
}

function Row({ row }) {
  return html`<tr class="decision-row" data-scenario=${row.scenario} data-engine=${row.engine}
      data-result=${row.result || ''} title=${row.evidence || ''}>
    <td>${row.scenario}</td><td>${row.engine}</td>${COLUMNS.map((c) => cell(row, c))}
    <td>${row.result
      ? html`<span class=${`badge ${RESULT_CLASS[row.result] || ''}`} data-field="result">${row.result}</span>`
      : html`<span class="muted">no experiment yet</span>`}</td></tr>`;
}

export function DecisionTable() {
  const { data, error } = usePoll('/api/experiments/latest', POLL_MS);
  const none = error && error.status === 404;
  const rows = data ? data.rows : EXPECTED;
  return html`<section id="decision-table" class="panel">
    <h2>Decision table</h2>
    ${data && html`<p id="experiment" class="muted">latest experiment (${data.mode}), started ${time(data.started_at)},
      ${data.seconds} s: ${data.rows.length - data.differing} of ${data.rows.length} rows match; hover a row for its evidence</p>`}
    <table><thead><tr><th>scenario</th><th>processing</th><th>PostgreSQL</th><th>MongoDB</th><th>Elasticsearch</th>
      <th>service decision</th><th>observed</th></tr></thead>
    <tbody>${rows.map((row) => html`<${Row} row=${row}/>`)}</tbody></table>
    ${!data && none && html`<p id="no-experiment" class="muted">No experiment yet: <code>./lab demo</code> runs the
      table on the real stack; its observed outcome appears here.</p>`}
    ${error && !none && failure(error)}
  </section>`;
}
