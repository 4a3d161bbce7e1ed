package io.gpuledger.account;

import io.gpuledger.common.Charges;

/** What a lease's usage is paid from while it decides it: a prepaid tenant's balance, or nothing to check. */
public interface Funds {

    /** A postpaid lease's funds: the tenant is invoiced, nothing is drawn and nothing is held. */
    Funds POSTPAID = (leaseId, charges) -> false;

    /**
     * Draws an accepted report's charges; true when the draw leaves the balance below zero, so that
     * the report's fee and provider units are held and the lease must close.
     */
    boolean draw(String leaseId, Charges charges);
}
