package io.gpuledger.settlement;

import io.gpuledger.settlement.EscrowAccrual.Flow;
import io.gpuledger.settlement.EscrowAccrual.Tenant;
import io.gpuledger.settlement.api.EscrowAccount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the prepaid escrow releases to fund an epoch, tenant by tenant (docs/MONEY.md, "Prepaid payouts
 * from the escrow"):
 * <pre>
 * available = unreleased + deposited          (on-chain deposits credited, not released)
 * due       = carried due + payable           (prepaid charges payable, less what was given back)
 * released  = max(0, min(available, due))     (0 in an epoch that pays nothing)
 * unreleased' = available - released
 * due'        = min(0, due - released)        (due, whole, out of an epoch that pays nothing)
 * </pre>
 * A tenant's escrow never releases more than its unreleased deposits, so the escrow never releases
 * more than it holds of credited deposits; and each unit released is taken out of {@code unreleased}
 * for good, so no unit is released twice. A charge beyond the tenant's on-chain deposits is funded by
 * the treasury and not carried; a give-back is carried, so units charged again after a void are not
 * released a second time. Accounts with nothing unreleased and nothing due are left out.
 */
record EscrowFunding(BigInteger releasedUnits, List<EscrowAccount> accounts) {

    static EscrowFunding of(Map<Tenant, Flow> flows, List<EscrowAccount> before, boolean paysOut) {
        Map<Tenant, Flow> standing = new TreeMap<>(flows);
        for (EscrowAccount account : before) {
            standing.merge(new Tenant(account.marketplaceId(), account.tenantId()),
                    new Flow(account.unreleasedUnits(), account.dueUnits()), Flow::plus);
        }
        BigInteger releasedUnits = BigInteger.ZERO;
        List<EscrowAccount> accounts = new ArrayList<>();
        for (Map.Entry<Tenant, Flow> entry : standing.entrySet()) {
            BigInteger available = entry.getValue().depositedUnits();
            BigInteger due = entry.getValue().payableUnits();
            BigInteger released = paysOut ? available.min(due).max(BigInteger.ZERO) : BigInteger.ZERO;
            BigInteger unreleased = available.subtract(released);
            BigInteger dueAfter = paysOut ? due.subtract(released).min(BigInteger.ZERO) : due;
            releasedUnits = releasedUnits.add(released);
            if (unreleased.signum() != 0 || dueAfter.signum() != 0) {
                Tenant tenant = entry.getKey();
                accounts.add(new EscrowAccount(tenant.marketplaceId(), tenant.tenantId(), unreleased, dueAfter));
            }
        }
        return new EscrowFunding(releasedUnits, List.copyOf(accounts));
    }
}
