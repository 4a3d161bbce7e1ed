// OpenZeppelin's StandardMerkleTree, checked step by step so that the page can show each hashing:
// leaf = keccak256(keccak256(abi.encode(values))), and each step hashes the sorted pair.
import { keccak256 } from './keccak.js';
import { abiEncode } from './abi.js';
import { concat, compare, fromHex, toHex } from './bytes.js';

export function leafSteps(values) {
  const encoded = abiEncode(values);
  const inner = keccak256(encoded);
  const leaf = keccak256(inner);
  return { encoded: toHex(encoded), inner: toHex(inner), leaf: toHex(leaf) };
}

/** Each step from the leaf up: {left, right, node}; the last node is the root the proof leads to. */
export function pathSteps(leafHex, proof) {
  const steps = [];
  let node = fromHex(leafHex);
  for (const siblingHex of proof) {
    const sibling = fromHex(siblingHex);
    const [left, right] = compare(node, sibling) <= 0 ? [node, sibling] : [sibling, node];
    node = keccak256(concat(left, right));
    steps.push({ left: toHex(left), right: toHex(right), node: toHex(node) });
  }
  return { steps, root: toHex(node) };
}
