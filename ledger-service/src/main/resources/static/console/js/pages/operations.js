import { el, table, facts, status, mono, load, fill } from '../dom.js';
import { get } from '../api.js';
import { page } from '../layout.js';

function processors(list) {
  return table('Event processors', [
    { label: 'Processor', value: (p) => p.name },
    { label: 'Segments claimed', num: true, value: (p) => `${p.segmentsClaimed} / ${p.segments}` },
    { label: 'Position', num: true, value: (p) => p.position },
    { label: 'Head', num: true, value: (p) => p.head },
    { label: 'Lag', num: true, value: (p) => el('span', { class: `lag ${p.lag > 0 ? 'status wait' : ''}` }, String(p.lag)) },
    { label: 'Replaying', value: (p) => (p.replaying ? `yes, ${p.replayPercent}%` : 'no') },
    { label: 'Dead letters', num: true, value: (p) => p.deadLetters },
  ], list.processors);
}

/** The sealer's lag is a gauge of the metrics endpoint, which operators may read. */
async function sealerLag() {
  const text = await get('/actuator/prometheus', { accept: 'text/plain' });
  const line = text.split('\n').find((l) => l.startsWith('ledger_sealer_lag'));
  const value = line ? Number(line.trim().split(/\s+/).pop()) : null;
  return facts([['Sealer lag (events not yet sealed)', el('span', { id: 'sealer-lag' }, value == null ? 'not measured yet' : String(value))],
    ['Refreshed', 'every 15 s by the ledger (LEDGER_METRICS_REFRESH_INTERVAL)']]);
}

function reconciliation(r) {
  return [
    facts([['Result', status(r.ok ? 'OK' : 'MISMATCH')], ['Checked', r.checkedAt], ['Chain', r.chainId], ['Head block', r.headBlock],
      ['Epochs checked', r.epochsChecked], ['Payouts checked', r.payoutsChecked], ['Ledger paid units', r.ledgerPaidUnits],
      ['Chain paid units', r.chainPaidUnits], ['Ledger funded units', r.ledgerFundedUnits],
      ['Distributor balance units', r.distributorBalanceUnits]]),
    table('Differences', [
      { label: 'Kind', value: (d) => status(d.kind) },
      { label: 'Epoch', num: true, value: (d) => d.epoch },
      { label: 'Account', value: (d) => mono(d.account) },
      { label: 'Amount units', num: true, value: (d) => d.amountUnits },
      { label: 'Tx', value: (d) => mono(d.txHash) },
      { label: 'Detail', value: (d) => d.detail },
    ], r.differences ?? [], 'none: the ledger and the chain agree.'),
  ];
}

page('Processors & reconciliation', ['OPERATOR'], (main) => {
  const procs = el('section', { class: 'card', id: 'processors' });
  const sealer = el('section', { class: 'card', id: 'sealer' });
  const recon = el('div', { id: 'reconciliation-result' });
  const run = el('button', { type: 'button', id: 'reconcile', onclick: () => load(recon, async () => reconciliation(await get('/v1/settlement/reconciliation'))) },
    'Compare the ledger with the chain');
  const refresh = el('button', { type: 'button', class: 'secondary', onclick: () => show() }, 'Refresh lag');
  main.append(el('h2', {}, 'Lag'), el('div', { class: 'pager' }, refresh), procs, sealer,
    el('h2', {}, 'Reconciliation'), el('section', { class: 'card' }, el('p', { class: 'hint' },
      'Reads the chain from the contracts\' deployment to its head; it may take a moment.'), run, recon));
  function show() {
    load(procs, async () => processors(await get('/v1/processors')));
    load(sealer, sealerLag);
  }
  show();
  fill(recon);
});
