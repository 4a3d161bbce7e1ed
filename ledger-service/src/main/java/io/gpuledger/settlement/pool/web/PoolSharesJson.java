package io.gpuledger.settlement.pool.web;

import io.gpuledger.settlement.pool.view.PoolViews;
import java.util.List;

/** A page of the shares an epoch paid of one pool, in account order. */
record PoolSharesJson(long epoch, String poolId, String basis, String amountUnits, List<ShareJson> shares,
                      String nextCursor) {

    record ShareJson(String account, String shareUnits) {

        static ShareJson of(PoolViews.ShareView s) {
            return new ShareJson(s.account(), s.shareUnits().toString());
        }
    }
}
