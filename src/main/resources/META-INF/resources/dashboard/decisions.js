// The decision table: what each scenario is expected to do per engine and store. The observed table
// comes from the experiment's report, which the API does not expose yet.
import { html } from 'htm/preact/standalone';

const EXPECTED = [
  ['restart duplication', 'Kafka-only', 'upsert', 'CDC applied', 'CDC applied', 'confidence=LOW'],
  ['restart duplication', 'Flink', 'stable', 'CDC applied', 'CDC applied', 'confidence=HIGH'],
  ['late event', 'Kafka-only', 'update', 'update', 'update', 'stale marked'],
  ['late event', 'Flink', 'update', 'update', 'update', 'window recomputed'],
  ['CDC delay', 'all', 'stable', 'lagging', 'lagging', 'EVENTUAL marked'],
];

export function DecisionTable() {
  return html`<section id="decision-table" class="panel">
    <h2>Decision table</h2>
    <table><thead><tr><th>scenario</th><th>processing</th><th>PostgreSQL</th><th>MongoDB</th><th>Elasticsearch</th>
      <th>service decision (expected)</th><th>observed</th></tr></thead>
    <tbody>${EXPECTED.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}
      <td class="muted">no experiment yet</td></tr>`)}</tbody></table>
    <p id="no-experiment" class="muted">No experiment yet: the observed table appears here once the API serves the
      experiment's report.</p>
  </section>`;
}
