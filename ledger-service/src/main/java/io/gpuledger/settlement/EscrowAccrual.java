package io.gpuledger.settlement;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.account.api.TenantChargedEvent;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each tenant's events of an epoch bring to the escrow's side of the books: the on-chain deposits
 * credited to it (deposits whose id is {@code chain:...}), and the charged units of its prepaid usage
 * that became payable: draws not held (corrections' slices among them, negative for a give-back) and
 * releases of held draws. A held draw counts only once it is released.
 */
final class EscrowAccrual {

    /** A tenant of a marketplace, ordered by marketplace then tenant. */
    record Tenant(String marketplaceId, String tenantId) implements Comparable<Tenant> {

        @Override
        public int compareTo(Tenant other) {
            int byMarketplace = marketplaceId.compareTo(other.marketplaceId);
            return byMarketplace != 0 ? byMarketplace : tenantId.compareTo(other.tenantId);
        }
    }

    /** An epoch's on-chain deposits and payable prepaid charges of one tenant. */
    record Flow(BigInteger depositedUnits, BigInteger payableUnits) {

        static final Flow NONE = new Flow(BigInteger.ZERO, BigInteger.ZERO);

        Flow plus(Flow other) {
            return new Flow(depositedUnits.add(other.depositedUnits), payableUnits.add(other.payableUnits));
        }
    }

    private final Map<Tenant, Flow> flows = new TreeMap<>();

    /** Takes what concerns the escrow from any event; every other event changes nothing. */
    void add(Object event) {
        if (event instanceof DepositRecordedEvent deposit) {
            if (deposit.kind() == FundingKind.DEPOSIT
                    && deposit.depositId().startsWith(RecordDepositCommand.CHAIN_PREFIX)) {
                add(deposit.marketplaceId(), deposit.tenantId(), new Flow(deposit.amountUnits(), BigInteger.ZERO));
            }
        } else if (event instanceof TenantChargedEvent charged) {
            for (LeaseCharge charge : charged.charges()) {
                if (!charge.held()) {
                    add(charged.marketplaceId(), charged.tenantId(), new Flow(BigInteger.ZERO, charge.chargedUnits()));
                }
            }
        } else if (event instanceof HeldChargesReleasedEvent released) {
            for (HeldCharge charge : released.released()) {
                add(released.marketplaceId(), released.tenantId(), new Flow(BigInteger.ZERO, charge.chargedUnits()));
            }
        }
    }

    private void add(String marketplaceId, String tenantId, Flow flow) {
        flows.merge(new Tenant(marketplaceId, tenantId), flow, Flow::plus);
    }

    Map<Tenant, Flow> flows() {
        return flows;
    }
}
