package io.gpuledger.lease.api;

/**
 * How a lease's usage is paid: invoiced to the tenant, with the operator's treasury funding payouts
 * ({@code POSTPAID}), or drawn from the tenant's balance in its marketplace ({@code PREPAID}).
 */
public enum Billing {
    POSTPAID, PREPAID
}
