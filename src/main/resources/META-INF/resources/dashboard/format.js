// How the dashboard writes times, confidences and verdicts.
import { html } from 'htm/preact/standalone';

/** hh:mm:ss.mmm of an ISO instant, in UTC like the API; the full instant as a tooltip. */
export function time(iso) {
  if (!iso) {
    return html`<span class="muted">–</span>`;
  }
  return html`<time datetime=${iso} title=${iso}>${iso.substring(11, 23).replace(/Z$/, '')}</time>`;
}

export function confidence(level) {
  return level
    ? html`<span class=${`badge conf-${level}`} data-confidence=${level}>${level === 'EVENTUALLY_CONSISTENT' ? 'EVENTUAL' : level}</span>`
    : html`<span class="badge conf-NONE">new</span>`;
}

export function verdict(judgement) {
  return judgement ? html`<span class=${`badge verdict-${judgement}`}>${judgement}</span>` : null;
}

/** The API's reason for a failed call, with its details. */
export function failure(error) {
  return html`<div class="error">${error.status ? `${error.status}: ` : ''}${error.message}
    ${error.details && error.details.length > 0 && html`<ul>${error.details.map((d) => html`<li>${d}</li>`)}</ul>`}</div>`;
}
