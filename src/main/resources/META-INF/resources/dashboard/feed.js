// Live confidence feed: GET /api/stream/confidence (Server-Sent Events), filtered by run, engine and key.
import { html, useEffect, useRef, useState } from 'htm/preact/standalone';
import { confidence, time } from './format.js';

const MAX_ROWS = 250;
const RETRY_MS = [1000, 2000, 5000, 10000];

function streamUrl(filter) {
  const params = new URLSearchParams();
  if (filter.runId) params.set('runId', filter.runId);
  if (filter.engine) params.set('engine', filter.engine);
  if (filter.businessKey) params.set('businessKey', filter.businessKey);
  const query = params.toString();
  return `/api/stream/confidence${query ? `?${query}` : ''}`;
}

/**
 * Connects to the stream and keeps connecting: the browser retries a dropped connection by itself; when it
 * gives up (an HTTP error closes the source) a new one is opened after a growing pause.
 */
function useConfidenceStream(url, onChange) {
  const [link, setLink] = useState({ state: 'connecting', since: new Date() });
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    let source = null;
    let timer = null;
    let attempt = 0;
    const connect = () => {
      source = new EventSource(url);
      source.onopen = () => {
        attempt = 0;
        setLink({ state: 'live', since: new Date() });
      };
      source.onerror = () => {
        const closed = source.readyState === EventSource.CLOSED;
        const retryMs = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
        setLink((l) => ({ state: 'disconnected', since: l.state === 'disconnected' ? l.since : new Date(),
          retryMs: closed ? retryMs : null }));
        if (closed) {
          attempt += 1;
          timer = setTimeout(connect, retryMs);
        }
      };
      source.addEventListener('confidence', (e) => handler.current(JSON.parse(e.data)));
    };
    connect();
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [url]);
  return link;
}

function LinkState({ link }) {
  const since = link.since.toISOString().substring(11, 19);
  const text = link.state === 'live' ? `live since ${since}`
    : link.state === 'connecting' ? 'connecting…'
      : `disconnected since ${since}, ${link.retryMs ? `retrying in ${link.retryMs / 1000} s` : 'reconnecting…'}`;
  return html`<span id="stream-state" class=${`link-${link.state}`} data-state=${link.state}>● ${text}</span>`;
}

function ChangeRow({ c, onPickKey }) {
  return html`<tr class="change" data-run-id=${c.run_id} data-business-key=${c.business_key}
      data-engine=${c.processing_engine} data-new-confidence=${c.new_confidence}>
    <td>${time(c.time)}</td><td>${c.run_id}</td>
    <td><button type="button" class="link pick-key" onClick=${() => onPickKey(c.business_key)}>${c.business_key}</button></td>
    <td>${time(c.window_start)}</td><td>${c.processing_engine}</td>
    <td class="transition">${confidence(c.old_confidence)} → ${confidence(c.new_confidence)}</td>
    <td>${c.decision}<div class="reason">${c.reason}</div></td></tr>`;
}

export function ConfidenceFeed({ runId, onPickKey }) {
  const [filter, setFilter] = useState({ runId: runId || '', engine: '', businessKey: '' });
  const [changes, setChanges] = useState([]);
  useEffect(() => setFilter((f) => ({ ...f, runId: runId || '' })), [runId]);
  const url = streamUrl(filter);
  useEffect(() => setChanges([]), [url]);
  const link = useConfidenceStream(url, (c) => setChanges((all) => [c, ...all].slice(0, MAX_ROWS)));
  const set = (name) => (e) => setFilter({ ...filter, [name]: e.target.value.trim() });
  const lowered = changes.filter((c) => c.new_confidence === 'LOW').length;
  return html`<section id="feed" class="panel">
    <h2>Live confidence feed <${LinkState} link=${link}/></h2>
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label>run <input name="runId" value=${filter.runId} placeholder="any" onChange=${set('runId')}/></label>
      <label>engine <select name="engine" value=${filter.engine} onChange=${set('engine')}>
        <option value="">any</option><option>KAFKA_ONLY</option><option>FLINK</option></select></label>
      <label>key <input name="businessKey" value=${filter.businessKey} placeholder="any" onChange=${set('businessKey')}/></label>
    </form>
    <p class="muted"><span id="feed-count">${changes.length}</span> changes since connecting${lowered > 0
      && html`, ${lowered} to LOW`}; newest first. Click a key to inspect it.</p>
    <div class="scroll"><table class="feed">
      <thead><tr><th>time</th><th>run</th><th>key</th><th>window</th><th>engine</th><th>old → new</th><th>decision, reason</th></tr></thead>
      <tbody>${changes.map((c) => html`<${ChangeRow} key=${`${c.processing_engine}|${c.business_key}|${c.window_start}|${c.version}`}
        c=${c} onPickKey=${onPickKey}/>`)}</tbody>
    </table></div>
  </section>`;
}
