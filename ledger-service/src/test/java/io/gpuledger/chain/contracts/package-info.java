/** Behaviour of the settlement contracts on a real anvil, through their generated web3j wrappers. */
package io.gpuledger.chain.contracts;
