// Writes the reference roots and proofs that the ledger's Java StandardMerkleTree is tested
// against, computed by @openzeppelin/merkle-tree itself. Values are generated from fixed seeds, so
// running it again writes the same file:
//   node contracts/scripts/merkle-fixtures.mjs > ledger-service/src/test/resources/merkle/standard-tree-fixtures.json
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { StandardMerkleTree } = require('@openzeppelin/merkle-tree');
const { keccak256 } = require('ethereum-cryptography/keccak');

const hex = (bytes) => '0x' + Buffer.from(bytes).toString('hex');
// A deterministic 32-byte value: keccak256 of the seed string.
const word = (seed) => keccak256(Buffer.from(seed, 'utf8'));
const account = (seed) => hex(word(`account:${seed}`).slice(12));
const amount = (seed, max) => (BigInt(hex(word(`amount:${seed}`))) % max + 1n).toString();

function payouts(count, { distinctAmounts = 1_000_000_000n, repeatFirst = 0 } = {}) {
  const values = [];
  for (let i = 0; i < count; i++) values.push([account(`${count}:${i}`), amount(`${count}:${i}`, distinctAmounts)]);
  for (let i = 0; i < repeatFirst; i++) values.push([...values[i]]);
  return values;
}

function events(count) {
  return Array.from({ length: count }, (_, i) => [hex(word(`event:${i}`))]);
}

// Every proof for small trees; for larger ones the first, second, middle and last values.
function fixture(name, values, encoding, { allProofs = true } = {}) {
  const tree = StandardMerkleTree.of(values, encoding);
  const n = values.length;
  const indices = allProofs ? [...Array(n).keys()] : [...new Set([0, 1, Math.floor(n / 2), n - 1])];
  const proofs = indices.map((index) => {
    const proof = tree.getProof(index);
    if (!StandardMerkleTree.verify(tree.root, encoding, values[index], proof)) throw new Error(`${name}: proof ${index} does not verify`);
    return { index, treeIndex: tree.values[index].treeIndex, leafHash: tree.leafHash(values[index]), proof };
  });
  return { name, encoding, values, root: tree.root, proofs };
}

const fixtures = [
  fixture('payouts-1', payouts(1), ['address', 'uint256']),
  fixture('payouts-2', payouts(2), ['address', 'uint256']),
  fixture('payouts-3', payouts(3), ['address', 'uint256']),
  fixture('payouts-7', payouts(7), ['address', 'uint256']),
  fixture('payouts-100', payouts(100), ['address', 'uint256']),
  // Only three different amounts among 20 accounts.
  fixture('payouts-duplicate-amounts', payouts(20, { distinctAmounts: 3n }), ['address', 'uint256']),
  // The same (account, amount) twice: equal leaves, kept in input order.
  fixture('payouts-duplicate-leaves', payouts(5, { repeatFirst: 2 }), ['address', 'uint256']),
  fixture('payouts-large-amount', [[account('max'), ((1n << 256n) - 1n).toString()], [account('zero'), '0']], ['address', 'uint256']),
  fixture('events-1', events(1), ['bytes32']),
  fixture('events-6', events(6), ['bytes32']),
  fixture('events-1000', events(1000), ['bytes32'], { allProofs: false }),
];

process.stdout.write(JSON.stringify({ library: '@openzeppelin/merkle-tree 1.0.8', fixtures }, null, 1) + '\n');
