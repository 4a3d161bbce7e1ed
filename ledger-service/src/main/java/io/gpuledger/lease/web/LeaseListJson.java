package io.gpuledger.lease.web;

import java.util.List;

/** A page of leases, each as {@code GET /v1/leases/{leaseId}} shows it, and the cursor to the next page. */
record LeaseListJson(List<LeaseJson> items, String nextCursor) {
}
