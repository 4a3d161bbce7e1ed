package io.gpuledger.settlement.onchain;

import java.time.Instant;
import java.util.List;

/**
 * The ledger against the chain at {@code headBlock}: every difference found, and the totals behind
 * them. Amounts are decimal strings of token units: what the ledger records as paid, what the
 * distributor's PayoutPaid logs say it paid, what left it as token transfers, what the ledger funded
 * it with, and what it holds now (which should be the funding less what left it).
 */
public record ReconciliationReport(boolean ok, Instant checkedAt, long chainId, long headBlock, int epochsChecked,
                                   int payoutsChecked, String ledgerPaidUnits, String chainPaidUnits,
                                   String tokensOutOfDistributorUnits, String ledgerFundedUnits,
                                   String distributorBalanceUnits, List<Difference> differences) {
}
