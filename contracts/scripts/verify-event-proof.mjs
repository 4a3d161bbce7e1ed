// Checks an event's inclusion proof with public libraries only, trusting nothing the ledger computed:
//   curl -s -H "Authorization: Bearer $AUDITOR_KEY" $L/v1/audit/events/$EVENT_ID/proof | node scripts/verify-event-proof.mjs
// 1. recomputes the event's canonical hash from its stored fields (docs/AUDIT.md);
// 2. checks that hash against the epoch's events root with OpenZeppelin's StandardMerkleTree.
// Compare the printed root with the one anchored on-chain for the epoch (SettlementAnchor.epochs).
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { encode } from '@metamask/abi-utils';
import { keccak256 } from 'ethereum-cryptography/keccak';
import { bytesToHex, utf8ToBytes } from 'ethereum-cryptography/utils';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));
const e = input.event;
const canonical = encode(
  ['string', 'string', 'uint64', 'string', 'string', 'bytes'],
  [e.eventId, e.aggregateId, BigInt(e.sequenceNumber), e.payloadType, e.recordedAt, utf8ToBytes(e.payloadText)],
);
const hash = '0x' + bytesToHex(keccak256(canonical));
const hashMatches = hash === input.hash;
const included = StandardMerkleTree.verify(input.eventsRoot, ['bytes32'], [hash], input.proof);
console.log(JSON.stringify({ event: e.eventId, epoch: input.epoch, recomputedHash: hash, hashMatches,
  eventsRoot: input.eventsRoot, includedInRoot: included, anchorTxHash: input.anchorTxHash ?? null }, null, 2));
process.exit(hashMatches && included ? 0 : 1);
