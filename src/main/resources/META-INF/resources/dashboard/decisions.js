// The decision table as the latest experiment observed it (GET /api/experiments/latest, written by ./lab demo and
// ./lab test): per engine and store, what was observed beside what was expected. The expected table itself is
// docs/consistency-spec.md §11, rendered from the experiment's cases; the page keeps no copy of it.
import { html } from 'htm/preact/standalone';
import { usePoll } from './api.js';
import { failure, time } from './format.js';

const POLL_MS = 30000;
const COLUMNS = ['postgres', 'mongodb', 'elasticsearch', 'decision'];
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
    <td><span class=${`badge ${RESULT_CLASS[row.result] || ''}`} data-field="result">${row.result}</span></td></tr>`;
}

export function DecisionTable() {
  const { data, error } = usePoll('/api/experiments/latest', POLL_MS);
  const none = error && error.status === 404;
  const rows = data ? data.rows : [];
  return html`<section id="decision-table" class="panel">
    <h2>Decision table</h2>
    ${data && html`<p id="experiment" class="muted">latest experiment (${data.mode}), started ${time(data.started_at)},
      ${data.seconds} s: ${data.rows.length - data.differing} of ${data.rows.length} rows match; hover a row for its evidence</p>`}
    <table><thead><tr><th>scenario</th><th>processing</th><th>PostgreSQL</th><th>MongoDB</th><th>Elasticsearch</th>
      <th>service decision</th><th>observed</th></tr></thead>
    <tbody>${rows.map((row) => html`<${Row} row=${row}/>`)}</tbody></table>
    ${!data && none && html`<p id="no-experiment" class="muted">No experiment yet: <code>./lab demo</code> runs the
      decision table of the specification (docs/consistency-spec.md §11) on the real stack; its observed outcome
      appears here.</p>`}
    ${error && !none && failure(error)}
  </section>`;
}
