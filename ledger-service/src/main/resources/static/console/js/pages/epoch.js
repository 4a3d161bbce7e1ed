import { el, table, facts, status, mono, load, param, alert } from '../dom.js';
import { get, path, segment } from '../api.js';
import { page } from '../layout.js';

function summary(e) {
  return facts([
    ['Status', status(e.status)], ['Closed', e.closedAt], ['Global index range', `(${e.fromGlobalIndex}, ${e.toGlobalIndex}]`],
    ['Events', e.eventCount], ['Payouts', e.payoutCount], ['Total units', e.totalUnits],
    ['Payout root', mono(e.payoutRoot)], ['Events root', mono(e.eventsRoot)],
    ['Anchor tx', mono(e.anchorTxHash)], ['Anchor block', e.anchorBlock], ['Anchored', e.anchoredAt],
    ['Fund tx', mono(e.fundTxHash)], ['Funding', e.fundingMode], ['Escrow funded units', e.escrowFundedUnits],
    ['Push batches', e.pushBatchCount != null ? `${e.pushBatchCount} of up to ${e.pushBatchSize}` : null], ['Paid', e.paidAt],
  ]);
}

function intentDetail(intentId, target) {
  return el('button', { type: 'button', class: 'secondary', onclick: () => load(target, async () => {
    const i = await get(`/v1/settlement/chain/intents/${segment(intentId)}`);
    return [el('h3', {}, `Intent ${i.intentId}`), facts([['Status', status(i.status)], ['To', mono(i.to)],
      ['Nonce', i.nonce], ['Gas limit', i.gasLimit], ['Tx', mono(i.txHash)], ['Block', i.blockNumber],
      ['Revert reason', i.revertReason], ['Failure', i.failure], ['Attempts', i.attempts.length], ['Calldata', mono(i.data)]])];
  }) }, intentId);
}

function steps(e, target) {
  const failed = (e.steps ?? []).filter((s) => s.status === 'FAILED');
  return [
    failed.length ? alert(`Failed steps: ${failed.map((s) => `${s.step} (attempt ${s.attempt}): ${s.failure}`).join('; ')}. `
      + 'The next anchor or push call retries them.') : null,
    table('Steps of the epoch process', [
      { label: 'Step', value: (s) => s.step },
      { label: 'Attempt', num: true, value: (s) => s.attempt },
      { label: 'Intent', value: (s) => intentDetail(s.intentId, target) },
      { label: 'Status', value: (s) => status(s.status) },
      { label: 'Failure', value: (s) => s.failure },
      { label: 'Tx', value: (s) => mono(s.txHash) },
      { label: 'Block', num: true, value: (s) => s.blockNumber },
    ], e.steps ?? [], 'not started: the epoch is closed, not anchored.'),
  ];
}

async function payouts(epoch) {
  const rows = [];
  let carried = [];
  let cursor;
  do {
    const page = await get(path(`/v1/settlement/epochs/${epoch}/payouts`, { cursor }));
    rows.push(...page.payouts);
    carried = page.carried ?? [];
    cursor = page.nextCursor;
  } while (cursor);
  return [
    table('Payouts', [
      { label: 'Account', value: (p) => mono(p.account) },
      { label: 'Amount units', num: true, value: (p) => p.amountUnits },
      { label: 'Status', value: (p) => status(p.status) },
      { label: 'Batch', num: true, value: (p) => p.batch },
      { label: 'Tx', value: (p) => mono(p.txHash) },
    ], rows, 'this epoch pays nobody.'),
    carried.length ? table('Carried into later epochs', [
      { label: 'Account', value: (c) => mono(c.account) },
      { label: 'Carried units', num: true, value: (c) => c.carriedUnits },
    ], carried) : null,
  ];
}

page('Epoch', ['OPERATOR', 'AUDITOR'], (main) => {
  const epoch = Number.parseInt(param('epoch'), 10);
  main.querySelector('h1').textContent = `Epoch ${epoch}`;
  const [facts$, steps$, intent, payouts$] = ['epoch-summary', 'epoch-steps', 'epoch-intent', 'epoch-payouts']
    .map((id) => el(id === 'epoch-intent' ? 'div' : 'section', { class: id === 'epoch-intent' ? null : 'card', id }));
  main.append(el('h2', {}, 'Summary'), facts$, el('h2', {}, 'Steps, intents and transactions'), steps$, intent,
    el('h2', {}, 'Payouts'), payouts$);
  const epoch$ = get(`/v1/settlement/epochs/${epoch}`);
  load(facts$, async () => summary(await epoch$));
  load(steps$, async () => steps(await epoch$, intent));
  load(payouts$, () => payouts(epoch));
});
