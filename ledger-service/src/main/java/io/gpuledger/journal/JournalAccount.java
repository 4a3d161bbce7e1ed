package io.gpuledger.journal;

/**
 * An account of the journal by its name: {@code tenant:{marketplace}/{tenant}}, {@code fees:{marketplace}},
 * {@code payable:{payout address}}, {@code held:{marketplace}/{tenant}}, {@code deposits:{marketplace}},
 * or one of {@code treasury}, {@code escrow}, {@code paid}.
 */
public record JournalAccount(String name, AccountKind kind) {

    public static final JournalAccount TREASURY = new JournalAccount("treasury", AccountKind.TREASURY);
    public static final JournalAccount ESCROW = new JournalAccount("escrow", AccountKind.ESCROW);
    public static final JournalAccount PAID = new JournalAccount("paid", AccountKind.PAID);

    public static JournalAccount tenant(String marketplaceId, String tenantId) {
        return new JournalAccount("tenant:" + marketplaceId + "/" + tenantId, AccountKind.TENANT);
    }

    public static JournalAccount held(String marketplaceId, String tenantId) {
        return new JournalAccount("held:" + marketplaceId + "/" + tenantId, AccountKind.HELD);
    }

    public static JournalAccount fees(String marketplaceId) {
        return new JournalAccount("fees:" + marketplaceId, AccountKind.FEES);
    }

    public static JournalAccount deposits(String marketplaceId) {
        return new JournalAccount("deposits:" + marketplaceId, AccountKind.DEPOSITS);
    }

    public static JournalAccount payable(String payoutAddress) {
        return new JournalAccount("payable:" + payoutAddress, AccountKind.PAYABLE);
    }
}
