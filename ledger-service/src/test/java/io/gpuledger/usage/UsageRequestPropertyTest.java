package io.gpuledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gpuledger.common.InvalidRequest;
import io.gpuledger.platform.RequestBodies;
import io.gpuledger.security.HostileBodies;
import io.gpuledger.security.HostileBodies.Case;
import io.gpuledger.security.HostileBodies.PostRoute;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** jqwik properties over the usage report parser; HostileBodiesIT sends the same bodies, batches included. */
class UsageRequestPropertyTest {

    private final RequestBodies bodies = new RequestBodies();

    @Property(tries = 300)
    void aMalformedUsageReportIsRefusedNamingTheField(@ForAll("usage") Case hostile) {
        Throwable refusal = catchThrowable(() -> UsageRequests.report(bodies.parse(hostile.body())));

        assertThat(refusal).as(hostile.toString()).isInstanceOf(InvalidRequest.class);
        assertThat(((InvalidRequest) refusal).problems()).as(hostile.toString())
                .anyMatch(problem -> hostile.fields().contains(problem.field()));
    }

    @Provide
    Arbitrary<Case> usage() {
        return HostileBodies.forRoute(PostRoute.RECORD_USAGE);
    }
}
