package io.gpuledger.chain;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;

/** This ledger runs without a chain (no LEDGER_CHAIN_RPC_URL): nothing can be sent or read on-chain. */
public class ChainNotConfigured extends LedgerRejection {

    ChainNotConfigured() {
        super(RejectionCode.CHAIN_NOT_CONFIGURED, "no settlement chain is configured: set LEDGER_CHAIN_RPC_URL");
    }
}
