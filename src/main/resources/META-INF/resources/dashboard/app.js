// The lab's dashboard: runs, the live confidence feed, store lag, the window inspector and the decision table,
// all read through the documented API.
import { html, render, useState } from 'htm/preact/standalone';
import { usePoll } from './api.js';
import { DecisionTable } from './decisions.js';
import { ConfidenceFeed } from './feed.js';
import { WindowInspector } from './inspector.js';
import { StoreLag } from './lag.js';
import { Runs } from './runs.js';

function Links({ lab }) {
  return html`<nav>
    ${lab && lab.flink_web_url
      ? html`<a id="flink-link" href=${lab.flink_web_url} target="_blank" rel="noopener">Flink web UI</a>`
      : html`<span class="muted">Flink web UI: not configured</span>`}
    <a id="openapi-link" href=${lab ? lab.openapi_url : '/q/openapi'} target="_blank" rel="noopener">OpenAPI</a>
    <a href="/q/health" target="_blank" rel="noopener">health</a>
  </nav>`;
}

function Dashboard() {
  const { data: lab } = usePoll('/api/lab', 0);
  const [runId, setRunId] = useState(null);
  const [businessKey, setBusinessKey] = useState(null);
  return html`<header>
      <h1>Consistency Decision Lab</h1>
      <span class="muted">${lab ? `engines ${lab.engines.join(', ')} · windows of ${lab.window_size_ms / 1000} s` : ''}</span>
      <${Links} lab=${lab}/>
    </header>
    <main>
      <${Runs} lab=${lab} selectedRun=${runId} onSelectRun=${setRunId}/>
      <${ConfidenceFeed} runId=${runId} onPickKey=${setBusinessKey}/>
      <${StoreLag}/>
      <${WindowInspector} runId=${runId} businessKey=${businessKey} onKey=${setBusinessKey}/>
      <${DecisionTable}/>
    </main>`;
}

const root = document.getElementById('dashboard');
root.textContent = '';
render(html`<${Dashboard}/>`, root);
