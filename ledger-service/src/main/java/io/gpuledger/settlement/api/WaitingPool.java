package io.gpuledger.settlement.api;

import java.math.BigInteger;

/** A GPU_SECONDS pool whose epoch recorded no GPU-seconds: it waits for the next epoch that does. */
public record WaitingPool(String poolId, BigInteger amountUnits) {
}
