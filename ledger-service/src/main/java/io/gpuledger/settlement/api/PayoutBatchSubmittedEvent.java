package io.gpuledger.settlement.api;

import java.util.List;

/** A batch's push went to the chain gateway under {@code intentId}; {@code accounts} ascend by address. */
public record PayoutBatchSubmittedEvent(long epoch, int batch, String intentId, List<String> accounts) {
}
