package io.gpuledger.settlement.api;

import java.math.BigInteger;

/**
 * A negative amount a payout address carries into later epochs: corrections after it was paid took
 * back more than it earned since, and are netted against what it earns next.
 */
public record Carried(String account, BigInteger carriedUnits) {
}
