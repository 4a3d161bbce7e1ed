import { el, fill, facts, status, mono, load, alert } from '../dom.js';
import { get, path, download } from '../api.js';
import { page } from '../layout.js';

function findings(v) {
  const pairs = Object.entries(v).filter(([k]) => k !== 'ok').map(([k, value]) => [k, typeof value === 'string' && value.startsWith('0x') ? mono(value) : String(value)]);
  return [el('p', {}, 'Result: ', el('span', { id: 'verify-result' }, status(v.ok ? 'VALID' : 'INVALID')),
    v.ok ? ' the sealed history, the epochs\' roots and the journal hold.' : ' the first divergence is below.'), facts(pairs)];
}

/** The gauges of the verification this instance runs or ran last, from the metrics endpoint. */
async function progress() {
  const text = await get('/actuator/prometheus', { accept: 'text/plain' });
  const gauge = (name) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.trim().split(/\s+/).pop()) : null;
  };
  return { checked: gauge('ledger_verification_events_checked'), total: gauge('ledger_verification_events_to_check') };
}

async function showProgress(line) {
  try {
    const { checked, total } = await progress();
    if (checked != null && total) {
      fill(line, `${checked} of ${total} events checked (${Math.floor((100 * checked) / total)}%)`);
    }
  } catch (error) {
    // The progress is a convenience: without the metrics endpoint the verification still answers.
  }
}

/** Runs the verification, showing its progress every half second while it runs and where it ended. */
async function verify(result, line) {
  fill(line);
  const timer = setInterval(() => showProgress(line), 500);
  try {
    await load(result, async () => findings(await get('/v1/audit/verify')));
  } finally {
    clearInterval(timer);
    await showProgress(line);
  }
}

function exportForm(problems) {
  const input = (name, label) => el('label', {}, label, el('input', { name, id: `export-${name}` }));
  const form = el('form', { class: 'inline', id: 'export-form' },
    input('marketplaceId', 'Marketplace'), input('leaseId', 'Lease'), input('providerId', 'Provider'),
    input('tenantId', 'Tenant'), input('from', 'Recorded from'), input('to', 'Recorded before'),
    el('label', {}, 'Format', el('select', { name: 'format', id: 'export-format' },
      el('option', { value: 'jsonl' }, 'JSON Lines'), el('option', { value: 'csv' }, 'CSV'))),
    el('button', { type: 'submit' }, 'Export events'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const csv = data.format === 'csv';
    delete data.format;
    try {
      const text = await get(path('/v1/exports/events', data), { accept: csv ? 'text/csv' : 'application/x-ndjson' });
      download(text, csv ? 'events.csv' : 'events.jsonl', csv ? 'text/csv' : 'application/x-ndjson');
      fill(problems);
    } catch (error) {
      fill(problems, alert(error.message));
    }
  });
  return form;
}

page('Verify & export', ['AUDITOR'], (main) => {
  const result = el('div', { id: 'verification' });
  const line = el('p', { class: 'hint', id: 'verify-progress', 'aria-live': 'polite' });
  const problems = el('div');
  main.append(
    el('h2', {}, 'Verification'),
    el('section', { class: 'card' }, el('p', { class: 'hint' },
      'Recomputes every event hash and the seal chain, each epoch\'s roots (and, with a chain, the anchored ones) and the journal. '
      + 'It reads only; on a long history it takes a while.'),
    el('button', { type: 'button', id: 'verify', onclick: () => verify(result, line) }, 'Verify the ledger'), line, result),
    el('h2', {}, 'Exports'),
    el('section', { class: 'card' }, exportForm(problems), problems));
});
