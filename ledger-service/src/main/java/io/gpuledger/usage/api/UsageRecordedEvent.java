package io.gpuledger.usage.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Usage reports of one lease were accepted, in the order the lease decided them (one request's
 * accepted reports for that lease). Each report's units are its slice of the lease's cumulative
 * charges (the money rule), so the units of all of a lease's reports add up to its totals.
 *
 * <p>Revision 2: revision 1 carried one report's fields at the top level
 * (the usage package's UsageRecordedUpcaster reads it as a list of one).
 */
@Revision(UsageRecordedEvent.REVISION)
public record UsageRecordedEvent(String marketplaceId, String leaseId, List<RecordedUsage> reports) {

    public static final String REVISION = "2";
}
