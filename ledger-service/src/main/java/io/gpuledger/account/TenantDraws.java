package io.gpuledger.account;

import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.common.Charges;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's balance as the prepaid leases of one request draw on it, report by report. A draw that
 * leaves the balance below zero is held; a negative draw (a void or a credit) gives back.
 * Consecutive draws of one lease that are not held are summed, so the account records one charge
 * per lease and request, and one per held report: held draws are released whole, report by report.
 */
public final class TenantDraws implements Funds {

    private BigInteger balanceUnits;
    private final List<LeaseCharge> charges = new ArrayList<>();

    TenantDraws(BigInteger balanceUnits) {
        this.balanceUnits = balanceUnits;
    }

    @Override
    public boolean draw(String leaseId, Charges drawn) {
        if (drawn.chargedUnits().signum() == 0) {
            return false;
        }
        balanceUnits = balanceUnits.subtract(drawn.chargedUnits());
        boolean held = drawn.chargedUnits().signum() > 0 && balanceUnits.signum() < 0;
        int last = charges.size() - 1;
        if (!held && last >= 0 && charges.get(last).leaseId().equals(leaseId) && !charges.get(last).held()) {
            LeaseCharge before = charges.get(last);
            charges.set(last, new LeaseCharge(leaseId, before.chargedUnits().add(drawn.chargedUnits()),
                    before.feeUnits().add(drawn.feeUnits()), before.providerUnits().add(drawn.providerUnits()), held));
        } else {
            charges.add(new LeaseCharge(leaseId, drawn.chargedUnits(), drawn.feeUnits(), drawn.providerUnits(), held));
        }
        return held;
    }

    List<LeaseCharge> charges() {
        return charges;
    }
}
