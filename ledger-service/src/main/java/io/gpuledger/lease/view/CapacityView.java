package io.gpuledger.lease.view;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A capacity lease's part of its view: its capacity, the rates in force now, the energy recorded, and
 * its fee accrued so far ({@code feeValue}, over 3,600,000) through {@code feeAccruedThrough} (null
 * before the first accrual).
 */
public record CapacityView(long capacityKw, BigInteger feeUnitsPerHour, BigInteger energyUnitsPerKwh,
                           long energyWhRecorded, BigInteger feeValue, Instant feeAccruedThrough) {
}
