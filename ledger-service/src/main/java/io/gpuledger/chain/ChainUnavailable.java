package io.gpuledger.chain;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;

/**
 * The node did not answer, or answered a read with an error. Always worth retrying later. The
 * message names the RPC method and the failure's type only: node URLs may embed credentials.
 */
public class ChainUnavailable extends LedgerRejection {

    ChainUnavailable(String method, Throwable cause) {
        super(RejectionCode.CHAIN_UNAVAILABLE, "the chain node did not answer " + method + " ("
                + cause.getClass().getSimpleName() + ")");
    }

    ChainUnavailable(String method, String nodeError) {
        super(RejectionCode.CHAIN_UNAVAILABLE, "the chain node refused " + method + ": " + nodeError);
    }
}
