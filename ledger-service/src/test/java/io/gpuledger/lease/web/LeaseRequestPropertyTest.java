package io.gpuledger.lease.web;

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

/**
 * jqwik properties over the lease request parsers: a malformed body is always an
 * {@link InvalidRequest} naming the field at fault, never another exception and never a command.
 * The same bodies go through the running ledger in HostileBodiesIT.
 */
class LeaseRequestPropertyTest {

    private final RequestBodies bodies = new RequestBodies();

    @Property(tries = 400)
    void aMalformedOpenBodyIsRefusedNamingTheField(@ForAll("open") Case hostile) {
        assertRefused(hostile, () -> LeaseRequests.open("mkt-a", bodies.parse(hostile.body())));
    }

    @Property(tries = 200)
    void aMalformedPriceChangeIsRefusedNamingTheField(@ForAll("price") Case hostile) {
        assertRefused(hostile, () -> LeaseRequests.changePrice("mkt-a", "lease-1", bodies.parse(hostile.body())));
    }

    @Property(tries = 200)
    void aMalformedCloseIsRefusedNamingTheField(@ForAll("close") Case hostile) {
        assertRefused(hostile, () -> LeaseRequests.close("mkt-a", "lease-1", bodies.parse(hostile.body())));
    }

    @Provide
    Arbitrary<Case> open() {
        return HostileBodies.forRoute(PostRoute.OPEN_LEASE);
    }

    @Provide
    Arbitrary<Case> price() {
        return HostileBodies.forRoute(PostRoute.CHANGE_PRICE);
    }

    @Provide
    Arbitrary<Case> close() {
        return HostileBodies.forRoute(PostRoute.CLOSE_LEASE);
    }

    static void assertRefused(Case hostile, Runnable parse) {
        Throwable refusal = catchThrowable(parse::run);
        assertThat(refusal).as(hostile.toString()).isInstanceOf(InvalidRequest.class);
        assertThat(((InvalidRequest) refusal).problems()).as(hostile.toString())
                .anyMatch(problem -> hostile.fields().contains(problem.field()));
    }
}
