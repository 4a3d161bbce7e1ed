package io.gpuledger.settlement;

import io.gpuledger.lease.api.CloseSlaWindowsAcrossLeasesCommand;
import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import io.gpuledger.reliability.DueSlaLeases;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Before an epoch takes its cut, asks every lease with an SLA window that ended by the epoch's
 * accrueThrough to close it. The leases are asked in batches, each committing in a transaction of its
 * own, on a thread of their own ({@link LeaseBatches}: outside the close request's unit of work), so
 * the credits are in the event store below the cut and the closing epoch pays them. Each lease
 * decides: a window closed before is not closed again, so a retried close, a close that died
 * halfway, or two instances closing at once, record each window once.
 */
@Component
class SlaWindowCloser {

    private final DueSlaLeases dueLeases;
    private final LeaseBatches batches;

    SlaWindowCloser(DueSlaLeases dueLeases, LeaseBatches batches) {
        this.dueLeases = dueLeases;
        this.batches = batches;
    }

    /** Answers how many windows were closed. */
    int closeThrough(Instant accrueThrough) {
        List<CloseSlaWindowsCommand> leases = dueLeases.dueBy(accrueThrough).stream()
                .map(lease -> new CloseSlaWindowsCommand(lease.marketplaceId(), lease.leaseId(), accrueThrough))
                .sorted(Comparator.comparing(CloseSlaWindowsCommand::leaseKey)).toList();
        return batches.send(leases, CloseSlaWindowsAcrossLeasesCommand::new);
    }
}
