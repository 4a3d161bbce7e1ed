package io.gpuledger.auth;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import java.util.Arrays;

/**
 * Who is calling: the marketplace the API key belongs to ("*" for operators and auditors; the payout
 * address for a provider) and its role.
 */
public record Caller(String marketplaceId, Role role) {

    public static final String ANY_MARKETPLACE = "*";

    public Caller requireRole(Role... allowed) {
        if (Arrays.asList(allowed).contains(role)) {
            return this;
        }
        throw new LedgerRejection(RejectionCode.FORBIDDEN, "this route is not open to the " + role + " role");
    }

    /** Whether this caller may read data of the given marketplace: a provider reads no marketplace's. */
    public boolean canRead(String ownerMarketplaceId) {
        return role == Role.AUDITOR || role == Role.OPERATOR
                || role == Role.MARKETPLACE && marketplaceId.equals(ownerMarketplaceId);
    }

    /** Whether this caller reads every payout address's payouts (operators and auditors). */
    public boolean readsEveryPayout() {
        return role == Role.AUDITOR || role == Role.OPERATOR;
    }

    /** The key under which this caller's idempotency keys live. */
    public String idempotencyScope() {
        return role + ":" + marketplaceId;
    }
}
