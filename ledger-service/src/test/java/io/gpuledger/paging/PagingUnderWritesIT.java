package io.gpuledger.paging;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Keys;

/**
 * Every list route paged to its end, a few items a page, while another thread opens leases, records
 * usage on the leases and the lease being paged, and closes epochs between the pages: each item is
 * seen once, and every item that existed before paging began is seen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingUnderWritesIT extends LedgerIT {

    /** A list route: who reads it, its path, the array its items are in, and what identifies an item. */
    record ListRoute(String name, String key, String path, String itemsField, Function<JsonNode, String> id) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final int LEASES = 7;
    private static final Instant FIRST_MINUTE = Instant.parse("2026-11-01T00:00:00Z");

    private Api client;
    private String providerId;
    private final List<String> leaseIds = new CopyOnWriteArrayList<>();
    private final List<String> payoutAddresses = new CopyOnWriteArrayList<>();
    private String historyLeaseId;
    private long epoch;
    private int nextMinute;

    @BeforeAll
    void leasesWithUsageAndAClosedEpoch() {
        client = new Api(port);
        providerId = Leases.uniqueId("paging-prov");
        for (int i = 0; i < LEASES; i++) {
            leaseIds.add(open());
        }
        historyLeaseId = leaseIds.get(0);
        for (String leaseId : leaseIds) {
            usage(leaseId);
            usage(historyLeaseId);
        }
        for (int i = 0; i < 3; i++) {
            Response closed = client.post(OPERATOR, "/v1/settlement/epochs", "{}");
            assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
            epoch = i == 0 ? closed.json().path("epoch").asLong() : epoch;
            usage(historyLeaseId);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(all(routes().get(0))).hasSize(LEASES);
            assertThat(client.get(AUDITOR, "/v1/settlement/epochs/" + epoch + "/payouts").json().path("payouts"))
                    .hasSizeGreaterThanOrEqualTo(LEASES);
            assertThat(client.get(AUDITOR, routes().get(6).path()).status()).isEqualTo(200);
            assertThat(all(routes().get(7))).hasSize(LEASES);
        });
    }

    List<ListRoute> routes() {
        return List.of(
                new ListRoute("leases of a provider", MARKETPLACE_A, "/v1/leases?providerId=" + providerId, "items",
                        item -> item.path("leaseId").asText()),
                new ListRoute("every marketplace's leases", AUDITOR, "/v1/leases", "items",
                        item -> item.path("marketplaceId").asText() + "/" + item.path("leaseId").asText()),
                new ListRoute("a lease's events", MARKETPLACE_A, "/v1/leases/" + historyLeaseId + "/events", "events",
                        item -> item.path("eventId").asText()),
                new ListRoute("epochs", AUDITOR, "/v1/settlement/epochs", "epochs", item -> item.path("epoch").asText()),
                new ListRoute("an epoch's payouts", OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts", "payouts",
                        item -> item.path("account").asText()),
                new ListRoute("the journal's accounts", AUDITOR, "/v1/accounts", "items",
                        item -> item.path("account").asText()),
                new ListRoute("a provider's payable entries", AUDITOR, "/v1/accounts/payable:" + payoutAddresses.get(0)
                        + "/entries", "items", item -> item.path("globalIndex").asText() + ":"
                        + item.path("eventId").asText() + ":" + item.path("amountUnits").asText()),
                new ListRoute("a provider's reliability", MARKETPLACE_A, "/v1/providers/" + providerId + "/reliability",
                        "leases", item -> item.path("marketplaceId").asText() + "/" + item.path("leaseId").asText()));
    }

    Stream<ListRoute> listRoutes() {
        return routes().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listRoutes")
    void pagingUnderConcurrentWritesShowsEveryItemOnceAndMissesNoneThatExistedBefore(ListRoute route)
            throws InterruptedException {
        Set<String> before = new HashSet<>(all(route));
        assertThat(before).hasSizeGreaterThan(2);
        // About five pages, however many items the tests before this one left.
        int pageSize = Math.max(2, before.size() / 5);
        AtomicLong writes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // One write per page, in lockstep: a list may grow by an item a page, and a page holds two or
        // more, so the reader reaches the end however fast the ledger writes.
        Semaphore turns = new Semaphore(0);
        Thread writer = new Thread(() -> write(writes, turns, stop, failure), "paging-writer");
        writer.start();
        List<String> seen = new ArrayList<>();
        int pages = 0;
        try {
            String cursor = null;
            do {
                // Exactly one write lands between any two pages.
                long written = writes.get();
                turns.release();
                await().atMost(Duration.ofSeconds(30)).until(() -> writes.get() > written || failure.get() != null);
                JsonNode page = page(route, pageSize, cursor);
                page.path(route.itemsField()).forEach(item -> seen.add(route.id().apply(item)));
                cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
                pages++;
            } while (cursor != null);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(failure.get()).as("the writer failed").isNull();
        assertThat(pages).as(route + " was read over several pages").isGreaterThan(1);
        assertThat(seen).as(route + ": each item once").doesNotHaveDuplicates();
        assertThat(seen).as(route + ": every item that existed before paging began").containsAll(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listRoutes")
    void aCursorNotHandedOutForTheListIsRefused(ListRoute route) {
        String cursor = page(route, 1, null).path("nextCursor").asText(null);
        assertThat(cursor).as(route + " has a second page").isNotNull();
        String otherRoutes = page(routes().get(route.name().equals("epochs") ? 4 : 3), 1, null).path("nextCursor").asText();
        int middle = cursor.length() / 2;
        String tampered = cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A')
                + cursor.substring(middle + 1);
        String otherCaller = route.key().equals(AUDITOR) ? OPERATOR : AUDITOR;
        for (String bad : List.of("AQ", "not*base64", tampered, otherRoutes)) {
            Response refused = client.get(route.key(), withCursor(route.path(), 1, bad));
            assertProblem(refused, 400, "INVALID_CURSOR");
            assertThat(errorFields(refused)).containsExactly("cursor");
        }
        Response byAnother = client.get(otherCaller, withCursor(route.path(), 1, cursor));
        assertThat(byAnother.status()).as(byAnother.toString()).isIn(400, 403);
        if (byAnother.status() == 400) {
            assertThat(byAnother.code()).isEqualTo("INVALID_CURSOR");
        }
        assertThat(client.get(route.key(), withCursor(route.path(), 1, cursor)).status()).isEqualTo(200);
    }

    private void write(AtomicLong writes, Semaphore turns, AtomicBoolean stop, AtomicReference<Throwable> failure) {
        try {
            for (int i = 0; !stop.get(); i++) {
                if (!turns.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    i--;
                    continue;
                }
                switch (i % 4) {
                    case 0 -> leaseIds.add(open());
                    case 1 -> usage(leaseIds.get(i % leaseIds.size()));
                    case 2 -> usage(historyLeaseId);
                    default -> {
                        Response closed = client.post(OPERATOR, "/v1/settlement/epochs", "{}");
                        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
                    }
                }
                writes.incrementAndGet();
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private synchronized String open() {
        String leaseId = Leases.uniqueId("paging");
        String payoutAddress = randomAddress();
        payoutAddresses.add(payoutAddress);
        String body = Leases.open(leaseId, providerId, "paging-tenant", 8, "2100000", 500, "2026-11-01T00:00:00Z",
                "2026-12-01T00:00:00Z").replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        // With an SLA, so the provider's reliability lists every lease.
        body = body.substring(0, body.lastIndexOf('}'))
                + ", \"sla\": {\"uptimeTargetBps\": 9990, \"credits\": [{\"belowBps\": 9990, \"creditBps\": 1000}]}}";
        Response opened = client.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return leaseId;
    }

    /** A minute of usage on the lease, in a minute no report of this test used before (30 days hold 43,200). */
    private synchronized void usage(String leaseId) {
        Instant start = FIRST_MINUTE.plus(Duration.ofMinutes(nextMinute++));
        Response usage = client.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage", Leases.usage(
                Leases.uniqueId("r"), start.toString(), start.plus(Duration.ofMinutes(1)).toString(), 480));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
    }

    private static String randomAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress("0x" + HexFormat.of().formatHex(bytes));
    }

    private List<String> all(ListRoute route) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(route, 1000, cursor);
            page.path(route.itemsField()).forEach(item -> ids.add(route.id().apply(item)));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    private JsonNode page(ListRoute route, int limit, String cursor) {
        Response page = client.get(route.key(), withCursor(route.path(), limit, cursor));
        assertThat(page.status()).as(route + ": " + page).isEqualTo(200);
        return page.json();
    }

    private static String withCursor(String path, int limit, String cursor) {
        return path + (path.contains("?") ? "&" : "?") + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
    }
}
