import { el, fill, facts, status, mono, load, alert } from '../dom.js';
import { get, path, download } from '../api.js';
import { page } from '../layout.js';

function findings(v) {
  const pairs = Object.entries(v).filter(([k]) => k !== 'ok').map(([k, value]) => [k, typeof value === 'string' && value.startsWith('0x') ? mono(value) : String(value)]);
  return [el('p', {}, 'Result: ', el('span', { id: 'verify-result' }, status(v.ok ? 'VALID' : 'INVALID')),
    v.ok ? ' the sealed history, the epochs\' roots and the journal hold.' : ' the first divergence is below.'), facts(pairs)];
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
  const problems = el('div');
  main.append(
    el('h2', {}, 'Verification'),
    el('section', { class: 'card' }, el('p', { class: 'hint' },
      'Recomputes every event hash and the seal chain, each epoch\'s roots (and, with a chain, the anchored ones) and the journal. '
      + 'It reads only; on a long history it takes a while.'),
    el('button', { type: 'button', id: 'verify', onclick: () => load(result, async () => findings(await get('/v1/audit/verify'))) },
      'Verify the ledger'), result),
    el('h2', {}, 'Exports'),
    el('section', { class: 'card' }, exportForm(problems), problems));
});
