package io.gpuledger.chain;

import java.util.List;

/**
 * One contract log as the node reports it: the emitting contract, its topics (the event's signature
 * hash first), its ABI-encoded data, and where it sits. Hex strings are 0x-prefixed lower case.
 */
public record ChainLog(String address, List<String> topics, String data, long blockNumber, String blockHash,
                       String txHash, long logIndex) {

    public String topic(int index) {
        return index < topics.size() ? topics.get(index) : null;
    }
}
