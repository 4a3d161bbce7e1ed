package io.gpuledger.lease.api;

import java.util.List;
import io.gpuledger.eventstore.StoredAs;
import org.axonframework.serialization.Revision;

/**
 * Usage reports of one lease were accepted, in the order the lease decided them (one request's
 * accepted reports for that lease). Each report's units are its slice of the lease's cumulative
 * charges (the money rule), so the units of all of a lease's reports add up to its totals.
 *
 * <p>Revision 3: a report may carry its EIP-712 {@code signature} and {@code tenantSignature}
 * (revision 2 never does). Revision 2: revision 1 carried one report's fields at the top level
 * (UsageRecordedUpcaster reads it as a list of one, and both as revision 3).
 */
@StoredAs(UsageRecordedEvent.STORED_TYPE)
@Revision(UsageRecordedEvent.REVISION)
public record UsageRecordedEvent(String marketplaceId, String leaseId, List<RecordedUsage> reports) {

    /** Its name since it was first stored, when the usage messages had a package of their own. */
    public static final String STORED_TYPE = "io.gpuledger.usage.api.UsageRecordedEvent";
    public static final String REVISION = "3";
}
