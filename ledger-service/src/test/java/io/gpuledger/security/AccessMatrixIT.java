package io.gpuledger.security;

import static io.gpuledger.security.AccessMatrixIT.Marketplace.NO;
import static io.gpuledger.security.AccessMatrixIT.Marketplace.OWN;
import static io.gpuledger.security.AccessMatrixIT.Scope.EVENT;
import static io.gpuledger.security.AccessMatrixIT.Scope.GLOBAL;
import static io.gpuledger.security.AccessMatrixIT.Scope.LEASE;
import static io.gpuledger.security.AccessMatrixIT.Scope.LEASE_IN_BODY;
import static io.gpuledger.security.AccessMatrixIT.Scope.LIST;
import static io.gpuledger.security.AccessMatrixIT.Scope.NEW_LEASE;
import static io.gpuledger.security.AccessMatrixIT.Scope.PAYOUT;
import static io.gpuledger.security.AccessMatrixIT.Scope.PAYOUTS;
import static io.gpuledger.security.AccessMatrixIT.Scope.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.web3j.crypto.Keys;

/**
 * Who may use which route: every route the ledger serves, called by every kind of caller, on a
 * resource of marketplace A and on one of marketplace B. The table below is the expected access,
 * written once; every cell of the matrix is derived from it and checked against the running ledger:
 * <ul>
 *   <li>no key, or a key the ledger does not know: 401 {@code UNAUTHENTICATED};</li>
 *   <li>a known key whose role the route does not admit: 403 {@code FORBIDDEN};</li>
 *   <li>a marketplace on another marketplace's resource: 404 (or 403), or for a statement or a
 *       batch only its own data; never anything of the other's, and nothing of it changed;</li>
 *   <li>a provider (a PROVIDER key for the payout address of one marketplace's lease) on the routes
 *       of {@link #PROVIDER_ROUTES} only, and there on its own address's payouts alone;</li>
 *   <li>every other combination succeeds and shows the resource.</li>
 * </ul>
 * A denied answer may repeat what the request itself said (a 404 names the lease id it was asked
 * for); it must not add anything else the other marketplace holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT extends LedgerIT {

    /** What a MARKETPLACE key may do on a route: use it on its own marketplace's resources, or not at all. */
    enum Marketplace { OWN, NO }

    /** What names the resource a route works on, and so what "another marketplace's" means there. */
    enum Scope {
        /** Creates a lease, or a tenant's deposit, in the caller's own marketplace: there is no other marketplace's resource to reach. */
        NEW_LEASE,
        /** A lease named in the path: another marketplace's answers 404, exactly like a missing one. */
        LEASE,
        /** Leases named inside a batch: another marketplace's report is REJECTED LEASE_NOT_FOUND, the batch 200. */
        LEASE_IN_BODY,
        /** A provider, tenant or marketplace: a marketplace gets a statement of its own leases only. */
        SUBJECT,
        /** A list of leases: a marketplace lists its own only, whatever marketplace it names. */
        LIST,
        /** An event named in the path: another marketplace's answers 404 EVENT_NOT_FOUND. */
        EVENT,
        /** An epoch's payouts: a marketplace or a provider sees the lines of its own payout addresses only. */
        PAYOUTS,
        /** A payout address named in the path: another's answers 404 PAYOUT_NOT_FOUND, as one without a payout. */
        PAYOUT,
        /** Not any marketplace's: settlement, the chain, verification. */
        GLOBAL
    }

    /** What an allowed answer must show of the resource, as evidence that the right one was read. */
    enum Shows { NOTHING, LEASE_ID, ACCOUNT, EVENT_ID }

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String CSV = "text/csv";
    private static final boolean YES = true;
    private static final boolean NOT = false;

    // The ledger has no settlement chain in these tests, so routes open to a role answer 503
    // CHAIN_NOT_CONFIGURED there: what counts is that the role check comes first (403 for others).
    private static final List<Route> ROUTES = List.of(
            //     method  path                                                     accept MARKETPLACE AUDITOR OPERATOR scope          allowed answer
            route("POST", "/v1/leases",                                              JSON, OWN, NOT, NOT, NEW_LEASE,     201, Shows.NOTHING),
            route("POST", "/v1/leases/{leaseId}/price",                              JSON, OWN, NOT, NOT, LEASE,         200, Shows.NOTHING),
            route("POST", "/v1/leases/{leaseId}/close",                              JSON, OWN, NOT, NOT, LEASE,         200, Shows.NOTHING),
            route("POST", "/v1/leases/{leaseId}/usage",                              JSON, OWN, NOT, NOT, LEASE,         201, Shows.NOTHING),
            route("POST", "/v1/usage:batch",                                         JSON, OWN, NOT, NOT, LEASE_IN_BODY, 200, Shows.NOTHING),
            route("POST", "/v1/leases/{leaseId}/usage/{reportId}/void",              JSON, OWN, NOT, NOT, LEASE,         201, Shows.NOTHING),
            // The fresh lease names no signers: its usage has no dispute window, nor disputes to resolve.
            route("POST", "/v1/leases/{leaseId}/usage/{reportId}/dispute",           JSON, OWN, NOT, NOT, LEASE,         422, Shows.NOTHING),
            route("POST", "/v1/leases/{leaseId}/usage/{reportId}/resolve",           JSON, OWN, NOT, NOT, LEASE,         409, Shows.NOTHING),
            route("POST", "/v1/leases/{leaseId}/adjustments",                        JSON, OWN, NOT, NOT, LEASE,         201, Shows.NOTHING),
            route("POST", "/v1/leases/{leaseId}/downtime",                           JSON, OWN, NOT, NOT, LEASE,         201, Shows.NOTHING),
            route("POST", "/v1/tenants/{tenantId}/deposits",                         JSON, OWN, NOT, NOT, NEW_LEASE,     201, Shows.NOTHING),
            route("GET",  "/v1/tenants/{tenantId}/balance?marketplaceId={marketplaceId}", JSON, OWN, YES, NOT, SUBJECT, 200, Shows.NOTHING),
            route("GET",  "/v1/leases/{leaseId}",                                    JSON, OWN, YES, YES, LEASE,         200, Shows.LEASE_ID),
            route("GET",  "/v1/leases?providerId={providerId}&marketplaceId={marketplaceId}", JSON, OWN, YES, NOT, LIST, 200, Shows.LEASE_ID),
            route("GET",  "/v1/leases/{leaseId}/events",                             JSON, OWN, YES, YES, LEASE,         200, Shows.EVENT_ID),
            route("GET",  "/v1/statements/providers/{providerId}",                   JSON, OWN, YES, YES, SUBJECT,       200, Shows.LEASE_ID),
            route("GET",  "/v1/providers/{providerId}/reliability",                  JSON, OWN, YES, NOT, SUBJECT,       200, Shows.LEASE_ID),
            route("GET",  "/v1/statements/providers/{providerId}",                   CSV,  OWN, YES, YES, SUBJECT,       200, Shows.LEASE_ID),
            route("GET",  "/v1/statements/tenants/{tenantId}",                       JSON, OWN, YES, YES, SUBJECT,       200, Shows.LEASE_ID),
            route("GET",  "/v1/statements/tenants/{tenantId}",                       CSV,  OWN, YES, YES, SUBJECT,       200, Shows.LEASE_ID),
            route("GET",  "/v1/statements/marketplace?marketplaceId={marketplaceId}", JSON, OWN, YES, YES, SUBJECT,      200, Shows.LEASE_ID),
            route("GET",  "/v1/statements/marketplace?marketplaceId={marketplaceId}", CSV,  OWN, YES, YES, SUBJECT,      200, Shows.LEASE_ID),
            route("GET",  "/v1/exports/events?leaseId={leaseId}",                     JSON, OWN, YES, NOT, SUBJECT,      200, Shows.NOTHING),
            route("GET",  "/v1/exports/events?leaseId={leaseId}",                     CSV,  OWN, YES, NOT, SUBJECT,      200, Shows.NOTHING),
            route("GET",  "/v1/settlement/chain",                                    JSON, OWN, YES, YES, GLOBAL,        503, Shows.NOTHING),
            route("GET",  "/v1/settlement/chain/intents/{intentId}",                 JSON, NO,  YES, YES, GLOBAL,        503, Shows.NOTHING),
            route("POST", "/v1/settlement/epochs",                                   JSON, NO,  NOT, YES, GLOBAL,        201, Shows.NOTHING),
            route("POST", "/v1/settlement/epochs/{epoch}/anchor",                    JSON, NO,  NOT, YES, GLOBAL,        503, Shows.NOTHING),
            route("POST", "/v1/settlement/epochs/{epoch}/payouts:push",              JSON, NO,  NOT, YES, GLOBAL,        503, Shows.NOTHING),
            route("GET",  "/v1/settlement/reconciliation",                           JSON, NO,  YES, YES, GLOBAL,        503, Shows.NOTHING),
            route("GET",  "/v1/settlement/escrow/unmatched-deposits",                JSON, NO,  YES, YES, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/settlement/epochs",                                   JSON, NO,  YES, YES, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/settlement/epochs/{epoch}",                           JSON, NO,  YES, YES, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/settlement/epochs/{epoch}/payouts",                   JSON, OWN, YES, YES, PAYOUTS,       200, Shows.ACCOUNT),
            route("GET",  "/v1/settlement/epochs/{epoch}/pools/{poolId}/shares",     JSON, NO,  YES, YES, GLOBAL,        200, Shows.NOTHING),
            route("POST", "/v1/settlement/pools",                                    JSON, NO,  NOT, YES, GLOBAL,        201, Shows.NOTHING),
            route("GET",  "/v1/settlement/pools/{poolId}",                           JSON, NO,  YES, YES, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/settlement/epochs/{epoch}/payouts/{account}/proof",   JSON, OWN, YES, YES, PAYOUT,        200, Shows.ACCOUNT),
            route("GET",  "/v1/audit/verify",                                        JSON, NO,  YES, YES, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/accounts",                                            JSON, NO,  YES, NOT, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/accounts/{account}/entries",                          JSON, NO,  YES, NOT, GLOBAL,        200, Shows.ACCOUNT),
            route("GET",  "/v1/accounts/{prefix}/{party}/entries",                   JSON, NO,  YES, NOT, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/audit/events/{eventId}/proof",                        JSON, OWN, YES, NOT, EVENT,         200, Shows.EVENT_ID),
            route("GET",  "/v1/keys",                                                JSON, NO,  NOT, YES, GLOBAL,        200, Shows.NOTHING),
            route("POST", "/v1/keys",                                                JSON, NO,  NOT, YES, GLOBAL,        201, Shows.NOTHING),
            route("POST", "/v1/keys/{keyId}/revoke",                                 JSON, NO,  NOT, YES, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/dead-letters",                                        JSON, NO,  NOT, YES, GLOBAL,        200, Shows.NOTHING),
            route("POST", "/v1/dead-letters:retry",                                  JSON, NO,  NOT, YES, GLOBAL,        200, Shows.NOTHING),
            route("GET",  "/v1/processors",                                          JSON, NO,  NOT, YES, GLOBAL,        200, Shows.NOTHING),
            // {name} is escrow-accounts: its view rebuilds in a moment, and no other route of the matrix reads it.
            route("POST", "/v1/processors/{name}/reset",                             JSON, NO,  NOT, YES, GLOBAL,        202, Shows.NOTHING),
            // escrow-accounts has one segment and one thread: a split and a merge are refused for that,
            // which an operator alone gets to hear; a release frees it for a few seconds.
            route("POST", "/v1/processors/{name}/segments/{segment}/split",          JSON, NO,  NOT, YES, GLOBAL,        409, Shows.NOTHING),
            route("POST", "/v1/processors/{name}/segments/{segment}/merge",          JSON, NO,  NOT, YES, GLOBAL,        409, Shows.NOTHING),
            route("POST", "/v1/processors/{name}/segments/{segment}/release",        JSON, NO,  NOT, YES, GLOBAL,        200, Shows.NOTHING));

    /** The routes a PROVIDER key may use; it may use no other. */
    private static final Set<String> PROVIDER_ROUTES = Set.of("GET /v1/settlement/chain",
            "GET /v1/settlement/epochs/{epoch}/payouts", "GET /v1/settlement/epochs/{epoch}/payouts/{account}/proof");

    /** The PROVIDER keys made for the fixtures' payout addresses. */
    private static final Map<Caller, String> PROVIDER_KEYS = new EnumMap<>(Caller.class);

    /**
     * Who calls, and whose side it is on. The unknown key differs from marketplace A's in its last
     * character only. A provider's key is for the payout address of its marketplace's fixture lease.
     */
    enum Caller {
        MARKETPLACE_A(TestKeys.MARKETPLACE_A, TestKeys.MKT_A, Owner.A),
        MARKETPLACE_B(TestKeys.MARKETPLACE_B, TestKeys.MKT_B, Owner.B),
        PROVIDER_A(null, null, Owner.A),
        PROVIDER_B(null, null, Owner.B),
        AUDITOR(TestKeys.AUDITOR, null, null),
        OPERATOR(TestKeys.OPERATOR, null, null),
        NO_KEY(null, null, null),
        UNKNOWN_KEY(TestKeys.MARKETPLACE_A.substring(0, TestKeys.MARKETPLACE_A.length() - 1) + "X", null, null);

        private final String key;
        final String marketplaceId;
        final Owner side;

        Caller(String key, String marketplaceId, Owner side) {
            this.key = key;
            this.marketplaceId = marketplaceId;
            this.side = side;
        }

        String key() {
            return PROVIDER_KEYS.getOrDefault(this, key);
        }

        boolean provider() {
            return this == PROVIDER_A || this == PROVIDER_B;
        }
    }

    /** Whose resource a cell addresses. */
    enum Owner { A, B }

    /** What a cell must answer. */
    enum Expected { ALLOWED, UNAUTHENTICATED, FORBIDDEN, HIDDEN, REJECTED_IN_RESULTS, OWN_DATA_ONLY, OWN_PAYOUTS_ONLY }

    record Route(String method, String path, String accept, Marketplace marketplace, boolean auditor,
                 boolean operator, Scope scope, int allowedStatus, Shows shows) {

        String key() {
            return method + " " + path.replaceAll("\\?.*", "") + (accept.equals(CSV) ? " [text/csv]" : "");
        }

        @Override
        public String toString() {
            return method + " " + path + (accept.equals(CSV) ? " (CSV)" : "");
        }
    }

    private static Route route(String method, String path, String accept, Marketplace marketplace, boolean auditor,
                               boolean operator, Scope scope, int allowedStatus, Shows shows) {
        return new Route(method, path, accept, marketplace, auditor, operator, scope, allowedStatus, shows);
    }

    static Expected expected(Route route, Caller caller, Owner owner) {
        if (caller == Caller.NO_KEY || caller == Caller.UNKNOWN_KEY) {
            return Expected.UNAUTHENTICATED;
        }
        boolean admitted = switch (caller) {
            case MARKETPLACE_A, MARKETPLACE_B -> route.marketplace() == OWN;
            case PROVIDER_A, PROVIDER_B -> PROVIDER_ROUTES.contains(route.key());
            case AUDITOR -> route.auditor();
            case OPERATOR -> route.operator();
            default -> false;
        };
        if (!admitted) {
            return Expected.FORBIDDEN;
        }
        if (caller.side != null && route.scope() == PAYOUTS) {
            return Expected.OWN_PAYOUTS_ONLY;
        }
        boolean foreign = caller.side != null && caller.side != owner;
        if (!foreign) {
            return Expected.ALLOWED;
        }
        return switch (route.scope()) {
            case LEASE, EVENT, PAYOUT -> Expected.HIDDEN;
            case PAYOUTS -> Expected.OWN_PAYOUTS_ONLY;
            case LEASE_IN_BODY -> Expected.REJECTED_IN_RESULTS;
            case SUBJECT, LIST -> Expected.OWN_DATA_ONLY;
            case NEW_LEASE, GLOBAL -> Expected.ALLOWED;
        };
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Route route : ROUTES) {
            boolean owned = route.scope() != GLOBAL && route.scope() != NEW_LEASE && route.scope() != PAYOUTS;
            for (Caller caller : Caller.values()) {
                for (Owner owner : owned ? Owner.values() : new Owner[] {Owner.A}) {
                    cells.add(Arguments.of(route, caller, owner, expected(route, caller, owner)));
                }
            }
        }
        return cells.stream();
    }

    // ---- the resources: one settled lease per marketplace, every identifying value unique to it

    record Fixture(String marketplaceId, String key, String leaseId, String providerId, String tenantId,
                   String payoutAddress, String reportId, String eventId) {

        /** What identifies this marketplace's lease: none of it may reach another marketplace. */
        List<String> identifyingValues() {
            return List.of(marketplaceId, leaseId, providerId, tenantId, payoutAddress, payoutAddress.toLowerCase(),
                    reportId, eventId);
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    private Api client;
    private Fixture fixtureA;
    private Fixture fixtureB;
    private long epoch;
    /** A reward pool the fixture epoch paid, for the pool routes' cells. */
    private final String poolId = Leases.uniqueId("matrix-pool");
    /** A key made for the revoke route's cells: revoking it again answers 200 as the first time. */
    private String throwawayKeyId;

    @BeforeAll
    void settleOneLeasePerMarketplace() {
        client = new Api(port);
        String[] a = openWithUsage(TestKeys.MARKETPLACE_A);
        String[] b = openWithUsage(TestKeys.MARKETPLACE_B);
        Response pool = client.post(TestKeys.OPERATOR, "/v1/settlement/pools", pool(poolId));
        assertThat(pool.status()).as(pool.toString()).isEqualTo(201);
        // The close below closes the leases' SLA windows once the reliability view lists them, and no later one does.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String[] lease : List.of(a, b)) {
                assertThat(client.get(TestKeys.AUDITOR, "/v1/providers/" + lease[1] + "/reliability").body())
                        .contains(lease[0]);
            }
        });
        Response closed = client.post(TestKeys.OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        epoch = closed.json().path("epoch").asLong();
        fixtureA = settled(TestKeys.MKT_A, TestKeys.MARKETPLACE_A, a);
        fixtureB = settled(TestKeys.MKT_B, TestKeys.MARKETPLACE_B, b);
        PROVIDER_KEYS.put(Caller.PROVIDER_A, providerKey(fixtureA.payoutAddress()));
        PROVIDER_KEYS.put(Caller.PROVIDER_B, providerKey(fixtureB.payoutAddress()));
        throwawayKeyId = client.post(TestKeys.OPERATOR, "/v1/keys", newKey()).json().path("keyId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(client.get(TestKeys.AUDITOR, "/v1/settlement/epochs/" + epoch).status()).isEqualTo(200);
            assertThat(client.get(TestKeys.AUDITOR, "/v1/settlement/epochs/" + epoch + "/pools/" + poolId + "/shares")
                    .status()).isEqualTo(200);
            for (Fixture f : List.of(fixtureA, fixtureB)) {
                assertThat(client.get(f.key(), "/v1/leases/" + f.leaseId()).json().path("gpuSecondsRecorded").asLong())
                        .isEqualTo(3600);
                assertThat(client.get(TestKeys.AUDITOR, "/v1/audit/events/" + f.eventId() + "/proof").status())
                        .isEqualTo(200);
                assertThat(client.get(TestKeys.AUDITOR, fill("/v1/accounts/{account}/entries", f, f.leaseId()))
                        .status()).isEqualTo(200);
                assertThat(client.get(TestKeys.AUDITOR, fill("/v1/accounts/{prefix}/{party}/entries", f, f.leaseId()))
                        .status()).isEqualTo(200);
            }
        });
    }

    private String providerKey(String payoutAddress) {
        Response made = client.post(TestKeys.OPERATOR, "/v1/keys",
                "{\"marketplaceId\": \"" + payoutAddress + "\", \"role\": \"PROVIDER\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json().path("key").asText();
    }

    /** Opens a lease with values found nowhere else and records an hour of usage on it. */
    private String[] openWithUsage(String key) {
        String leaseId = Leases.uniqueId("matrix");
        String providerId = Leases.uniqueId("prov");
        String tenantId = Leases.uniqueId("tenant");
        String reportId = Leases.uniqueId("report");
        String payoutAddress = randomAddress();
        open(key, leaseId, providerId, tenantId, payoutAddress);
        Response usage = client.post(key, "/v1/leases/" + leaseId + "/usage",
                Leases.usage(reportId, "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        Response deposit = client.post(key, "/v1/tenants/" + tenantId + "/deposits", deposit());
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(201);
        return new String[] {leaseId, providerId, tenantId, payoutAddress, reportId};
    }

    private Fixture settled(String marketplaceId, String key, String[] lease) {
        JsonNode events = client.get(key, "/v1/leases/" + lease[0] + "/events").json().path("events");
        return new Fixture(marketplaceId, key, lease[0], lease[1], lease[2], lease[3], lease[4],
                events.get(1).path("eventId").asText());
    }

    private void open(String key, String leaseId, String providerId, String tenantId, String payoutAddress) {
        String body = Leases.open(leaseId, providerId, tenantId, 8, "2100000", 500, "2026-11-01T00:00:00Z",
                "2026-12-01T00:00:00Z").replace(Leases.PAYOUT_ADDRESS, payoutAddress);
        // Every lease of the matrix has an SLA, so the downtime route has a lease to write to.
        body = body.substring(0, body.lastIndexOf('}'))
                + ", \"sla\": {\"uptimeTargetBps\": 9990, \"credits\": [{\"belowBps\": 9990, \"creditBps\": 1000}]}}";
        Response opened = client.post(key, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private static String randomAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Keys.toChecksumAddress("0x" + HexFormat.of().formatHex(bytes));
    }

    private Fixture fixture(Owner owner) {
        return owner == Owner.A ? fixtureA : fixtureB;
    }

    // ---- the matrix

    @ParameterizedTest(name = "{0} by {1} on {2}''s resource: {3}")
    @MethodSource("cells")
    void everyRouteAnswersEveryCallerAsTheTableSays(Route route, Caller caller, Owner owner, Expected expected) {
        Fixture resource = fixture(owner);
        // An allowed write goes to a fresh lease of the caller's, so the settled fixtures never change.
        boolean freshLease = expected == Expected.ALLOWED && route.method().equals("POST")
                && (route.scope() == LEASE || route.scope() == LEASE_IN_BODY);
        String leaseId = freshLease ? freshLease(resource, route.path().contains("{reportId}")) : resource.leaseId();
        String path = fill(route.path(), resource, leaseId)
                .replace("{reportId}", freshLease ? FRESH_REPORT : resource.reportId());
        String body = route.method().equals("POST") ? body(route, leaseId) : null;
        long eventsBefore = eventsOf(resource);

        Response response = route.method().equals("POST")
                ? client.post(caller.key(), path, body)
                : client.get(caller.key(), path, route.accept());

        String cell = route + " by " + caller + " on " + owner + "'s resource: " + response;
        switch (expected) {
            case UNAUTHENTICATED -> assertProblem(response, 401, "UNAUTHENTICATED", cell);
            case FORBIDDEN -> assertProblem(response, 403, "FORBIDDEN", cell);
            case HIDDEN -> {
                assertThat(response.status()).as(cell).isIn(403, 404);
                assertThat(response.contentType()).as(cell).startsWith("application/problem+json");
                assertThat(response.code()).as(cell).isIn("FORBIDDEN", "NOT_FOUND", "LEASE_NOT_FOUND", "EVENT_NOT_FOUND",
                        "PAYOUT_NOT_FOUND");
            }
            case REJECTED_IN_RESULTS -> {
                assertThat(response.status()).as(cell).isEqualTo(200);
                JsonNode result = response.json().path("results").get(0);
                assertThat(result.path("status").asText()).as(cell).isEqualTo("REJECTED");
                assertThat(result.path("code").asText()).as(cell).isEqualTo("LEASE_NOT_FOUND");
            }
            case OWN_DATA_ONLY -> {
                assertThat(response.status()).as(cell).isEqualTo(200);
                if (route.accept().equals(CSV)) {
                    assertThat(response.body().lines().skip(1).toList()).as(cell)
                            .allMatch(line -> line.startsWith(caller.marketplaceId + ",") || line.startsWith("TOTAL,"));
                } else {
                    assertThat(response.json().path(route.scope() == LIST ? "items" : "leases")).as(cell)
                            .allMatch(line -> line.path("marketplaceId").asText().equals(caller.marketplaceId));
                }
            }
            case OWN_PAYOUTS_ONLY -> assertOwnPayoutsOnly(caller, response, cell);
            case ALLOWED -> assertAllowed(route, resource, response, cell);
        }
        if (expected != Expected.ALLOWED && expected != Expected.OWN_PAYOUTS_ONLY) {
            assertThat(response.body()).as(cell + "\nshows nothing of the resource it was refused")
                    .doesNotContain(undisclosed(resource, path, body));
            assertThat(eventsOf(resource)).as(cell + "\nchanges nothing").isEqualTo(eventsBefore);
        }
    }

    private void assertAllowed(Route route, Fixture resource, Response response, String cell) {
        assertThat(response.status()).as(cell).isEqualTo(route.allowedStatus());
        if (route.allowedStatus() == 503) {
            assertThat(response.code()).as(cell).isEqualTo("CHAIN_NOT_CONFIGURED");
            return;
        }
        switch (route.shows()) {
            case LEASE_ID -> assertThat(response.body()).as(cell).contains(resource.leaseId());
            case ACCOUNT -> assertThat(response.body()).as(cell).contains(resource.payoutAddress());
            case EVENT_ID -> assertThat(response.body()).as(cell).contains(resource.eventId());
            case NOTHING -> { }
        }
        if (route.scope() == LEASE_IN_BODY) {
            assertThat(response.json().path("results").get(0).path("status").asText()).as(cell).isEqualTo("ACCEPTED");
        }
    }

    /** The caller's own fixture's payout line, and none of the other side's; a provider sees its line alone. */
    private void assertOwnPayoutsOnly(Caller caller, Response response, String cell) {
        Fixture own = fixture(caller.side);
        Fixture other = fixture(caller.side == Owner.A ? Owner.B : Owner.A);
        assertThat(response.status()).as(cell).isEqualTo(200);
        assertThat(response.body()).as(cell).contains(own.payoutAddress())
                .doesNotContain(other.identifyingValues().toArray(String[]::new));
        if (caller.provider()) {
            assertThat(response.json().path("payouts")).as(cell).hasSize(1)
                    .allMatch(line -> line.path("account").asText().equals(own.payoutAddress()));
        }
    }

    private static void assertProblem(Response response, int status, String code, String cell) {
        assertThat(response.status()).as(cell).isEqualTo(status);
        assertThat(response.contentType()).as(cell).startsWith("application/problem+json");
        assertThat(response.code()).as(cell).isEqualTo(code);
    }

    /** The resource's identifying values that the request did not itself carry. */
    private static String[] undisclosed(Fixture resource, String path, String body) {
        String request = path + " " + (body == null ? "" : body);
        return resource.identifyingValues().stream().filter(v -> !request.contains(v)).toArray(String[]::new);
    }

    private static final String FRESH_REPORT = "matrix-fresh-report";

    /** A lease of the resource's marketplace to write to; with a report {@link #FRESH_REPORT} when the route needs one. */
    private String freshLease(Fixture resource, boolean withReport) {
        String leaseId = Leases.uniqueId("matrix-write");
        open(resource.key(), leaseId, Leases.uniqueId("prov"), Leases.uniqueId("tenant"), randomAddress());
        if (withReport) {
            Response usage = client.post(resource.key(), "/v1/leases/" + leaseId + "/usage",
                    Leases.usage(FRESH_REPORT, "2026-11-12T00:00:00Z", "2026-11-12T01:00:00Z", 3600));
            assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        }
        return leaseId;
    }

    private String fill(String template, Fixture resource, String leaseId) {
        // The journal's accounts of the fixture: its provider's payable, its tenant's balance.
        return template.replace("/v1/accounts/{account}/", "/v1/accounts/payable:{account}/")
                .replace("{prefix}/{party}", "tenant:" + resource.marketplaceId() + "/" + resource.tenantId())
                .replace("{leaseId}", leaseId)
                .replace("{providerId}", resource.providerId())
                .replace("{tenantId}", resource.tenantId())
                .replace("{marketplaceId}", resource.marketplaceId())
                .replace("{eventId}", resource.eventId())
                .replace("{epoch}", Long.toString(epoch))
                .replace("{account}", resource.payoutAddress())
                .replace("{intentId}", "matrix-intent")
                .replace("{poolId}", poolId)
                .replace("{keyId}", throwawayKeyId)
                .replace("{name}", "escrow-accounts").replace("{segment}", "0");
    }

    private static String body(Route route, String leaseId) {
        String path = route.path();
        if (path.equals("/v1/leases")) {
            return Leases.open(Leases.uniqueId("matrix-open"));
        }
        if (path.endsWith("/price")) {
            return "{\"priceUnitsPerGpuHour\": \"1800000\", \"effectiveFrom\": \"2026-11-20T00:00:00Z\"}";
        }
        if (path.endsWith("/close")) {
            return "{\"reason\": \"TENANT_ENDED\", \"closedAt\": \"2026-11-25T00:00:00Z\"}";
        }
        if (path.endsWith("/dispute")) {
            return "{\"reason\": \"metered twice\"}";
        }
        if (path.endsWith("/resolve")) {
            return "{\"outcome\": \"ACCEPT\"}";
        }
        if (path.endsWith("/void")) {
            return "{\"reason\": \"metered twice\"}";
        }
        if (path.endsWith("/adjustments")) {
            return "{\"adjustmentId\": \"" + Leases.uniqueId("adj") + "\", \"kind\": \"DEBIT\", \"amountUnits\": \"1000\","
                    + " \"reason\": \"GOODWILL\"}";
        }
        if (path.endsWith("/downtime")) {
            return "{\"reportId\": \"" + Leases.uniqueId("down") + "\", \"from\": \"2026-11-05T00:00:00Z\","
                    + " \"to\": \"2026-11-05T01:00:00Z\"}";
        }
        if (path.endsWith("/deposits")) {
            return "{\"depositId\": \"" + Leases.uniqueId("dep") + "\", \"kind\": \"DEPOSIT\", \"amountUnits\": \"1000\"}";
        }
        if (path.endsWith("/usage")) {
            return Leases.usage(Leases.uniqueId("r"), "2026-11-10T00:00:00Z", "2026-11-10T01:00:00Z", 3600);
        }
        if (path.endsWith("/deposits")) {
            return deposit();
        }
        if (path.equals("/v1/keys")) {
            return newKey();
        }
        if (path.equals("/v1/settlement/pools")) {
            return pool(Leases.uniqueId("matrix-pool"));
        }
        if (path.equals("/v1/dead-letters:retry")) {
            return "{\"processingGroup\": \"billing\"}";
        }
        if (path.equals("/v1/usage:batch")) {
            return "{\"reports\": [{\"leaseId\": \"" + leaseId + "\", \"reportId\": \"" + Leases.uniqueId("r")
                    + "\", \"periodStart\": \"2026-11-11T00:00:00Z\", \"periodEnd\": \"2026-11-11T01:00:00Z\","
                    + " \"gpuSeconds\": 3600}]}";
        }
        return "{}";
    }

    /** A pool of 1,000 units to a fresh address: it changes no fixture's payout. */
    private static String pool(String poolId) {
        return "{\"poolId\": \"" + poolId + "\", \"amountUnits\": \"1000\", \"weights\": [{\"account\": \""
                + randomAddress() + "\", \"weight\": \"1\"}]}";
    }

    private static String newKey() {
        return "{\"marketplaceId\": \"mkt-matrix\", \"role\": \"MARKETPLACE\", \"label\": \"access matrix\"}";
    }

    private static String deposit() {
        return "{\"depositId\": \"" + Leases.uniqueId("d") + "\", \"kind\": \"DEPOSIT\", \"amountUnits\": \"1000\"}";
    }

    private long eventsOf(Fixture resource) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, LeaseKey.of(resource.marketplaceId(), resource.leaseId()));
        return count == null ? 0 : count;
    }

    // ---- the table covers the ledger

    @Test
    void theTableListsEveryRouteTheLedgerServesAndNoOther() {
        RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            boolean csv = info.getProducesCondition().getProducibleMediaTypes().stream()
                    .anyMatch(type -> type.toString().equals(CSV));
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/v1/")) {
                    info.getMethodsCondition().getMethods().forEach(method ->
                            served.add(method.name() + " " + pattern + (csv ? " [text/csv]" : "")));
                }
            }
        }
        Set<String> tabled = new TreeSet<>(ROUTES.stream().map(Route::key).toList());
        assertThat(tabled).as("AccessMatrixIT.ROUTES must list every /v1 route with its expected access")
                .isEqualTo(served);
    }
}
