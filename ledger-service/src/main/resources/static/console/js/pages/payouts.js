import { el, fill, table, status, mono, load } from '../dom.js';
import { get, ApiError } from '../api.js';
import { page } from '../layout.js';
import { leafSteps } from '../merkle.js';
import { calc, climb } from '../proof-view.js';

/** Every epoch's lines the key may read, epoch 1 upwards until the first epoch that does not exist. */
async function lines() {
  const rows = [];
  for (let epoch = 1; ; epoch++) {
    try {
      const payouts = await get(`/v1/settlement/epochs/${epoch}/payouts`);
      rows.push(...payouts.payouts.map((p) => ({ ...p, epoch })));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return rows;
      throw error;
    }
  }
}

async function chainInfo() {
  try {
    return await get('/v1/settlement/chain');
  } catch {
    return null;
  }
}

function claimCall(p, proof, chain) {
  const distributor = chain?.distributorAddress ?? '<distributorAddress from GET /v1/settlement/chain>';
  return el('pre', { class: 'call', id: 'claim-call' },
    `PayoutDistributor(${distributor}).claim(\n  ${p.epoch},            // epoch\n  ${p.account}, // account\n  ${p.amountUnits},   // amount\n`
    + `  [${proof.proof.join(',\n   ')}]\n)\n\n# with Foundry's cast, from any funded key (the tokens go to the account):\n`
    + `cast send ${distributor} "claim(uint64,address,uint256,bytes32[])" \\\n  ${p.epoch} ${p.account} ${p.amountUnits} \\\n`
    + `  "[${proof.proof.join(',')}]" --rpc-url $RPC_URL --private-key $KEY`);
}

async function proofOf(p) {
  const [proof, chain] = await Promise.all([get(`/v1/settlement/epochs/${p.epoch}/payouts/${p.account}/proof`), chainInfo()]);
  const leaf = leafSteps([{ type: 'address', value: proof.account }, { type: 'uint', value: proof.amountUnits }]);
  const path = climb(leaf.leaf, proof.proof, proof.root);
  return [
    el('h2', {}, `Proof for epoch ${p.epoch}`),
    el('ol', { class: 'steps' },
      el('li', {}, 'The leaf of StandardMerkleTree(["address", "uint256"]): keccak256(keccak256(abi.encode(account, amount)))',
        calc(`abi.encode(${proof.account}, ${proof.amountUnits}) = ${leaf.encoded}`),
        calc(`keccak256(…) = ${leaf.inner}`), calc(`keccak256(${leaf.inner}) = ${leaf.leaf}`)),
      path.items),
    el('h2', {}, 'The claim'),
    p.status === 'CONFIRMED' || p.status === 'CLAIMED'
      ? el('p', {}, `Already paid (${p.status}): a claim now would revert.`)
      : el('p', {}, 'Once the epoch is anchored and funded, anyone may send this call; the tokens go to the account.'),
    claimCall(p, proof, chain),
  ];
}

page('Payouts', ['PROVIDER'], (main) => {
  const list = el('section', { class: 'card', id: 'payout-list' });
  const detail = el('section', { class: 'card', id: 'payout-proof', 'aria-live': 'polite' });
  main.append(list, detail);
  fill(detail, el('p', { class: 'hint' }, 'Choose a payout to see its proof and the call that claims it.'));
  load(list, async () => table('Your payouts, by epoch', [
    { label: 'Epoch', num: true, value: (p) => p.epoch },
    { label: 'Account', value: (p) => mono(p.account) },
    { label: 'Amount units', num: true, value: (p) => p.amountUnits },
    { label: 'Status', value: (p) => status(p.status) },
    { label: 'Tx', value: (p) => mono(p.txHash) },
    { label: 'Proof', value: (p) => el('button', { type: 'button', class: 'secondary', 'data-epoch': p.epoch,
      onclick: () => load(detail, () => proofOf(p)) }, `Proof for epoch ${p.epoch}`) },
  ], await lines(), 'no payout to your address yet.'));
});
