package io.gpuledger.journal;

import java.math.BigInteger;

/** One entry an event posts: units into an account (positive) or out of it (negative). */
public record Posting(JournalAccount account, BigInteger amountUnits) {
}
