package io.gpuledger.settlement.onchain;

import java.time.Instant;
import java.util.List;

/**
 * The ledger against the chain at {@code headBlock}: every difference found, and the totals behind
 * them. Amounts are decimal strings of token units: what the ledger records as paid, what the
 * distributor's PayoutPaid logs say it paid, and what left it as token transfers.
 */
public record ReconciliationReport(boolean ok, Instant checkedAt, long chainId, long headBlock, int epochsChecked,
                                   int payoutsChecked, String ledgerPaidUnits, String chainPaidUnits,
                                   String tokensOutOfDistributorUnits, List<Difference> differences) {
}
