// Checks a root against the transaction that anchored it: the anchor step's chain intent holds the
// calldata of SettlementAnchor.anchorEpoch(uint64 epoch, bytes32 payoutRoot, bytes32 eventsRoot, uint256 total).
import { el } from './dom.js';
import { get, segment } from './api.js';
import { keccak256 } from './keccak.js';
import { toHex, utf8 } from './bytes.js';
import { calc, verdict } from './proof-view.js';

const SIGNATURE = 'anchorEpoch(uint64,bytes32,bytes32,uint256)';

function words(data) {
  const body = data.slice(10);
  return { selector: data.slice(0, 10), words: Array.from({ length: body.length / 64 }, (_, i) => '0x' + body.slice(64 * i, 64 * i + 64)) };
}

/** li elements that check the epoch's anchor transaction carries `root` as its events root (or payout root). */
export async function anchorItems(epochNumber, root, rootName) {
  const epoch = await get(`/v1/settlement/epochs/${epochNumber}`);
  const anchor = (epoch.steps ?? []).find((s) => s.step === 'anchor');
  if (!epoch.anchorTxHash || !anchor) {
    return { ok: false, items: [el('li', {}, `Epoch ${epochNumber} is ${epoch.status}: not anchored yet, so its root is not on-chain to compare with.`)] };
  }
  const intent = await get(`/v1/settlement/chain/intents/${segment(anchor.intentId)}`);
  const { selector, words: args } = words(intent.data);
  const expectedSelector = toHex(keccak256(utf8(SIGNATURE))).slice(0, 10);
  const index = rootName === 'payoutRoot' ? 1 : 2;
  const checks = [
    selector === expectedSelector, BigInt(args[0]) === BigInt(epochNumber),
    args[index].toLowerCase() === root.toLowerCase(), intent.txHash === epoch.anchorTxHash, intent.status === 'CONFIRMED',
  ];
  const items = [
    el('li', {}, `The anchor transaction ${epoch.anchorTxHash} (block ${epoch.anchorBlock}) calls ${SIGNATURE}:`,
      calc(`selector keccak256("${SIGNATURE}")[0..4] = ${expectedSelector}; calldata starts ${selector}`),
      calc(`epoch argument ${BigInt(args[0])}`), calc(`${rootName} argument ${args[index]}`)),
    el('li', {}, 'Its root is the one computed here, for this epoch, in the confirmed anchoring tx: ',
      verdict(checks.every(Boolean), 'anchor-check')),
  ];
  return { ok: checks.every(Boolean), items };
}
