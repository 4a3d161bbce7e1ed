import { el, facts, mono, load, param } from '../dom.js';
import { get, segment } from '../api.js';
import { page } from '../layout.js';
import { keccak256 } from '../keccak.js';
import { abiEncode } from '../abi.js';
import { toHex, utf8 } from '../bytes.js';
import { leafSteps } from '../merkle.js';
import { calc, climb, verdict } from '../proof-view.js';
import { anchorItems } from '../anchor-check.js';

/** The event's canonical hash recomputed from its stored fields (docs/AUDIT.md). */
function eventHashItems(e, ledgerHash) {
  const encoded = abiEncode([
    { type: 'string', value: e.eventId }, { type: 'string', value: e.aggregateId },
    { type: 'uint', value: e.sequenceNumber }, { type: 'string', value: e.payloadType },
    { type: 'string', value: e.recordedAt }, { type: 'bytes', value: utf8(e.payloadText) },
  ]);
  const hash = toHex(keccak256(encoded));
  const ok = hash === ledgerHash;
  return { ok, hash, items: [
    el('li', {}, 'Encode the stored fields: abi.encode(string eventId, string aggregateId, uint64 sequenceNumber, '
      + 'string payloadType, string recordedAt, bytes payload)',
      calc(`(${e.eventId}, ${e.aggregateId}, ${e.sequenceNumber}, ${e.payloadType}, ${e.recordedAt}, ${utf8(e.payloadText).length} payload bytes)`),
      calc(`= ${encoded.length} bytes`)),
    el('li', {}, 'Hash them: eventHash = keccak256(encoding)', calc(`= ${hash}`),
      el('span', {}, 'Compare with the hash the ledger shows: ', verdict(ok, 'hash-check'))),
  ] };
}

async function check(eventId, role) {
  const p = await get(`/v1/audit/events/${segment(eventId)}/proof`);
  const eventHash = eventHashItems(p.event, p.hash);
  const leaf = leafSteps([{ type: 'bytes32', value: eventHash.hash }]);
  const path = climb(leaf.leaf, p.proof, p.eventsRoot);
  const anchor = role === 'AUDITOR' ? await anchorItems(p.epoch, path.root, 'eventsRoot')
    : { ok: false, items: [el('li', {}, `Anchored in tx ${p.anchorTxHash ?? '(not yet)'}; an auditor's key checks its calldata.`)] };
  const ok = eventHash.ok && path.ok;
  return [
    facts([['Event', mono(p.event.eventId)], ['Type', p.event.type], ['Lease', p.aggregateId], ['Epoch', p.epoch],
      ['Events root', mono(p.eventsRoot)], ['Anchor tx', mono(p.anchorTxHash)], ['Proof length', p.proof.length]]),
    el('h2', {}, 'The arithmetic, done in this page'),
    el('ol', { class: 'steps' }, eventHash.items,
      el('li', {}, 'The leaf of StandardMerkleTree(["bytes32"]): keccak256(keccak256(abi.encode(eventHash)))',
        calc(`keccak256(${eventHash.hash}) = ${leaf.inner}`), calc(`keccak256(${leaf.inner}) = ${leaf.leaf}`)),
      path.items, anchor.items),
    el('p', {}, el('strong', {}, 'Verdict: '), el('span', { id: 'proof-verdict', class: `status ${ok ? 'good' : 'bad'}` },
      ok ? 'VALID: the event is in the epoch\'s events root' : 'INVALID'),
      anchor.ok ? el('span', {}, ', and that root is the one anchored on-chain.') : null),
  ];
}

page('Proof check', ['AUDITOR', 'MARKETPLACE'], (main, role) => {
  const result = el('div', { id: 'proof-result' });
  const input = el('input', { name: 'event', id: 'proof-event', required: true, size: 40, value: param('event') ?? '' });
  const form = el('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); load(result, () => check(input.value.trim(), role)); } },
    el('label', {}, 'Event id (from a lease\'s history)', input), el('button', { type: 'submit' }, 'Check the proof'));
  main.append(el('section', { class: 'card' }, el('p', { class: 'hint' },
    'Recomputes the event\'s hash and its path to the epoch\'s events root here, in the browser, trusting none of the ledger\'s arithmetic.'),
  form, result));
  if (input.value) load(result, () => check(input.value, role));
});
