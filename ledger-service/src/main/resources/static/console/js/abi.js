// Solidity's abi.encode for the few shapes the ledger hashes (docs/AUDIT.md): static words and
// dynamic strings or bytes, each dynamic value's place written in the head as an offset.
import { concat, word, utf8, fromHex } from './bytes.js';

const padded = (bytes) => concat(bytes, new Uint8Array((32 - (bytes.length % 32)) % 32));

/** values: [{type: 'string'|'bytes'|'uint'|'address'|'bytes32', value}] */
export function abiEncode(values) {
  const heads = [];
  const tails = [];
  let tailOffset = 32 * values.length;
  for (const { type, value } of values) {
    if (type === 'string' || type === 'bytes') {
      const bytes = type === 'string' ? utf8(value) : value;
      const tail = concat(word(bytes.length), padded(bytes));
      heads.push(word(tailOffset));
      tails.push(tail);
      tailOffset += tail.length;
    } else if (type === 'address') {
      heads.push(concat(new Uint8Array(12), fromHex(value)));
    } else if (type === 'bytes32') {
      heads.push(fromHex(value));
    } else {
      heads.push(word(value));
    }
  }
  return concat(...heads, ...tails);
}
