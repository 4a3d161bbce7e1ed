// Shows a Merkle proof check as the ordered hashing steps a person can follow and redo.
import { el } from './dom.js';
import { pathSteps } from './merkle.js';

export const calc = (text) => el('span', { class: 'calc' }, text);
export const verdict = (ok, id) => el('span', { class: `status ${ok ? 'good' : 'bad'}`, id }, ok ? '✓ matches' : '✗ differs');

/** The steps from a leaf to the root, each as li elements, and whether the root is the expected one. */
export function climb(leaf, proof, expectedRoot) {
  const { steps, root } = pathSteps(leaf, proof);
  const items = steps.map((s, i) => el('li', {}, `Level ${i + 1}: hash the pair, smaller first`,
    calc(`keccak256(${s.left} ‖ ${s.right})`), calc(`= ${s.node}`)));
  const ok = root.toLowerCase() === String(expectedRoot).toLowerCase();
  items.push(el('li', {}, 'Compare with the root: ', verdict(ok, 'root-check'), calc(`computed ${root}`), calc(`root     ${expectedRoot}`)));
  return { items, ok, root };
}
