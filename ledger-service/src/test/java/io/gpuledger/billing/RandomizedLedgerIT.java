package io.gpuledger.billing;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static java.time.temporal.ChronoUnit.DAYS;
import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.auth.ApiKeys;
import io.gpuledger.auth.Role;
import io.gpuledger.billing.LedgerModel.Amounts;
import io.gpuledger.billing.LedgerModel.Lease;
import io.gpuledger.billing.LedgerModel.Outcome;
import io.gpuledger.billing.LedgerModel.Recorded;
import io.gpuledger.billing.LedgerModel.Report;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Projections;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Random traffic through the HTTP API, checked against {@link LedgerModel}: every answer as it comes,
 * then every lease's totals and every provider, tenant and marketplace statement, over all time and
 * over windows, to the unit. Seeded: the seed is printed, and {@code -Dledger.randomSeed=N} replays it.
 *
 * <p>Three marketplaces of its own (so that marketplace statements hold nothing but this test's
 * leases), six providers, eight tenants, up to fifty leases (a few sharing an id across
 * marketplaces), and a few thousand operations: single reports and batches with late, out-of-order,
 * duplicate, conflicting, overlapping, oversized and malformed reports, price changes, closes,
 * Idempotency-Key replays, and leases opened twice.
 */
class RandomizedLedgerIT extends LedgerIT {

    private static final int MARKETPLACES = 3;
    private static final int PROVIDERS = 6;
    private static final int TENANTS = 8;
    private static final int LEASES = 50;
    private static final int OPERATIONS = Integer.getInteger("ledger.randomOperations", 3000);
    private static final Instant BASE = Instant.parse("2027-01-01T00:00:00Z");
    private static final List<BigInteger> PRICES = List.of(BigInteger.ZERO, BigInteger.ONE,
            BigInteger.valueOf(999_999), BigInteger.valueOf(1_000_001), BigInteger.valueOf(2_100_000),
            BigInteger.valueOf(3_333_333), BigInteger.TEN.pow(18).add(BigInteger.valueOf(7)),
            BigInteger.TWO.pow(200).add(BigInteger.valueOf(3)));
    private static final List<Integer> FEES = List.of(0, 1, 250, 333, 500, 1000, 9999, 10_000);
    private static final List<Integer> GPU_COUNTS = List.of(1, 2, 3, 4, 8, 16);
    private static final List<String> REASONS = List.of("TENANT_ENDED", "PROVIDER_ENDED", "EXPIRED", "SLA_BREACH",
            "INSUFFICIENT_FUNDS");

    @Autowired
    private ApiKeys apiKeys;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    private Random random;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> marketplaces = new ArrayList<>();
    private final Map<String, String> keys = new HashMap<>();
    private final List<String> providers = new ArrayList<>();
    private final List<String> tenants = new ArrayList<>();
    private final List<Lease> leases = new ArrayList<>();
    private final Map<String, Lease> leasesByKey = new HashMap<>();
    private final Map<String, Meter> meters = new HashMap<>();
    private final Map<String, Integer> tally = new TreeMap<>();
    private int writes;
    private Write lastWrite;

    /** Where a lease's meter has got to, and the gaps it left for reports that arrive late. */
    private static final class Meter {
        Instant cursor;
        final List<Instant[]> holes = new ArrayList<>();
        int reports;
    }

    private record Write(String key, String path, String idempotencyKey, String body, Response response) {
    }

    /** A statement window over usage periodStart; null ends are open. */
    private record Window(Instant from, Instant to) {

        String query(String path) {
            StringBuilder query = new StringBuilder(path);
            if (from != null) {
                query.append(path.contains("?") ? '&' : '?').append("from=").append(from);
            }
            if (to != null) {
                query.append(query.indexOf("?") >= 0 ? '&' : '?').append("to=").append(to);
            }
            return query.toString();
        }
    }

    @Test
    void reconcilesEveryAnswerLeaseAndStatementToTheUnit() {
        long seed = Long.getLong("ledger.randomSeed", ThreadLocalRandom.current().nextLong());
        System.out.println("RandomizedLedgerIT seed=" + seed + " (replay with -Dledger.randomSeed=" + seed + ")");
        random = new Random(seed);
        long started = System.nanoTime();
        try {
            provisionMarketplaces();
            while (leases.size() < 30) {
                openLease();
            }
            for (int operation = 0; operation < OPERATIONS; operation++) {
                step();
            }
            long drove = System.nanoTime();
            new Projections(processing, new LedgerTables(jdbc)).awaitCaughtUp();
            long caughtUp = System.nanoTime();
            BigInteger[] grandTotal = verifyLeases();
            verifyStatements(grandTotal);
            System.out.printf("RandomizedLedgerIT seed=%d: %d operations over %d leases in %d ms, projection caught "
                            + "up in %d ms, checked in %d ms; outcomes %s%n", seed, OPERATIONS, leases.size(),
                    (drove - started) / 1_000_000, (caughtUp - drove) / 1_000_000,
                    (System.nanoTime() - caughtUp) / 1_000_000, tally);
        } catch (AssertionError e) {
            throw new AssertionError("RandomizedLedgerIT seed=" + seed + ": " + e.getMessage(), e);
        }
    }

    private void step() {
        double p = random.nextDouble();
        if (p < 0.02) {
            openLease();
        } else if (p < 0.025) {
            openALeaseTwice();
        } else if (p < 0.43) {
            singleReport();
        } else if (p < 0.48) {
            replayLastWrite();
        } else if (p < 0.90) {
            batch();
        } else if (p < 0.99) {
            changePrice();
        } else {
            close();
        }
    }

    // --- parties and leases

    private void provisionMarketplaces() {
        for (int i = 0; i < MARKETPLACES; i++) {
            String marketplace = "rm-" + run + "-" + i;
            String key = "rnd-key-" + run + "-" + i;
            apiKeys.provision(key, marketplace, Role.MARKETPLACE, "randomized test");
            marketplaces.add(marketplace);
            keys.put(marketplace, key);
        }
        for (int i = 0; i < PROVIDERS; i++) {
            providers.add("rp-" + run + "-" + i);
        }
        for (int i = 0; i < TENANTS; i++) {
            tenants.add("rt-" + run + "-" + i);
        }
    }

    private void openLease() {
        if (leases.size() >= LEASES) {
            singleReport();
            return;
        }
        String marketplace = pick(marketplaces);
        String leaseId = "rl-" + run + "-" + leases.size();
        if (!leases.isEmpty() && random.nextInt(8) == 0) {
            // Ids are unique only within a marketplace: reuse another marketplace's.
            String shared = pick(leases).leaseId;
            if (!leasesByKey.containsKey(marketplace + "/" + shared)) {
                leaseId = shared;
            }
        }
        Instant startsAt = BASE.plus(random.nextInt(72), HOURS);
        Instant endsAt = random.nextInt(10) < 4 ? null : startsAt.plus(10 + random.nextInt(30), DAYS);
        Lease lease = new Lease(marketplace, leaseId, pick(providers), pick(tenants), pick(GPU_COUNTS), pick(FEES),
                pick(PRICES), startsAt, endsAt);
        Response opened = post(keys.get(marketplace), "/v1/leases", openBody(lease));
        assertThat(opened.status()).as("open " + lease.key() + ": " + opened).isEqualTo(201);
        leases.add(lease);
        leasesByKey.put(lease.key(), lease);
        Meter meter = new Meter();
        meter.cursor = startsAt;
        meters.put(lease.key(), meter);
        count("open");
    }

    private void openALeaseTwice() {
        Lease lease = pick(leases);
        Lease other = new Lease(lease.marketplaceId, lease.leaseId, pick(providers), pick(tenants), 1, 0,
                BigInteger.ONE, BASE, null);
        expectRejection(post(keys.get(lease.marketplaceId), "/v1/leases", openBody(other)), Set.of("LEASE_EXISTS"),
                "reopen " + lease.key());
    }

    private static String openBody(Lease lease) {
        return Leases.open(lease.leaseId, lease.providerId, lease.tenantId, lease.gpuCount,
                lease.latestPriceSet.toString(), lease.feeBps, lease.startsAt.toString(),
                lease.endsAt == null ? null : lease.endsAt.toString());
    }

    // --- usage

    private void singleReport() {
        Lease lease = pickForUsage(leases);
        String key = keys.get(lease.marketplaceId);
        int roll = random.nextInt(100);
        if (roll < 3) {
            Response invalid = post(key, "/v1/leases/" + lease.leaseId + "/usage", malformedReport(null));
            expectRejection(invalid, Set.of("VALIDATION_FAILED"), "malformed report");
            return;
        }
        if (roll < 5) {
            String stranger = leaseUnknownTo(lease.marketplaceId);
            Report report = new Report("u-x", lease.startsAt, lease.startsAt.plus(1, HOURS), 1);
            expectRejection(post(key, "/v1/leases/" + stranger + "/usage", usageBody(report)),
                    Set.of("LEASE_NOT_FOUND"), "report for " + stranger);
            return;
        }
        Report report = nextReport(lease);
        Outcome expected = lease.record(report);
        String path = "/v1/leases/" + lease.leaseId + "/usage";
        String body = usageBody(report);
        String idempotencyKey = idempotencyKey();
        Response response = api.post(key, path, idempotencyKey, body);
        String context = "single " + lease.key() + " " + report;
        switch (expected.status()) {
            case "ACCEPTED" -> assertThat(response.status()).as(context + ": " + response).isEqualTo(201);
            case "DUPLICATE" -> assertThat(response.status()).as(context + ": " + response).isEqualTo(200);
            default -> {
                expectRejection(response, expected.codes(), context);
                return;
            }
        }
        expectResult(response.json(), expected, context);
        lastWrite = new Write(key, path, idempotencyKey, body, response);
    }

    private void batch() {
        String marketplace = pick(marketplaces);
        List<Lease> own = leases.stream().filter(l -> l.marketplaceId.equals(marketplace)).toList();
        if (own.isEmpty()) {
            singleReport();
            return;
        }
        List<Lease> chosen = new ArrayList<>();
        for (int i = 1 + random.nextInt(Math.min(4, own.size())); i > 0; i--) {
            chosen.add(pickForUsage(own));
        }
        int size = 1 + random.nextInt(30);
        List<String> entries = new ArrayList<>();
        List<Outcome> expected = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int roll = random.nextInt(100);
            Lease lease = pick(chosen);
            if (roll < 3) {
                entries.add(malformedReport(lease.leaseId));
                expected.add(Outcome.rejected(Set.of("VALIDATION_FAILED")));
            } else if (roll < 5) {
                Report report = new Report("u-x", lease.startsAt, lease.startsAt.plus(1, HOURS), 1);
                entries.add(batchEntry(leaseUnknownTo(marketplace), report));
                expected.add(Outcome.rejected(Set.of("LEASE_NOT_FOUND")));
            } else {
                Report report = nextReport(lease);
                entries.add(batchEntry(lease.leaseId, report));
                expected.add(lease.record(report));
            }
        }
        String body = Leases.batch(entries);
        String idempotencyKey = idempotencyKey();
        Response response = api.post(keys.get(marketplace), "/v1/usage:batch", idempotencyKey, body);
        assertThat(response.status()).as("batch: " + response).isEqualTo(200);
        JsonNode results = response.json().path("results");
        assertThat(results.size()).isEqualTo(size);
        for (int i = 0; i < size; i++) {
            expectResult(results.get(i), expected.get(i), "batch entry " + i + " " + entries.get(i));
        }
        count("batch");
        lastWrite = new Write(keys.get(marketplace), "/v1/usage:batch", idempotencyKey, body, response);
    }

    private void replayLastWrite() {
        if (lastWrite == null) {
            singleReport();
            return;
        }
        Write write = lastWrite;
        Response replay = new LedgerTables(jdbc).noEventsAppendedBy(() ->
                api.post(write.key(), write.path(), write.idempotencyKey(), write.body()));
        assertThat(replay.status()).as("replay " + write.path()).isEqualTo(write.response().status());
        assertThat(replay.body()).isEqualTo(write.response().body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        count("replay");
    }

    /** The next report a lease's meter sends: mostly in order, sometimes late, repeated, or wrong. */
    private Report nextReport(Lease lease) {
        Meter meter = meters.get(lease.key());
        List<Recorded> recorded = lease.recorded();
        int roll = random.nextInt(100);
        if (roll >= 55 && roll < 70 && !meter.holes.isEmpty()) {
            Instant[] hole = meter.holes.remove(random.nextInt(meter.holes.size()));
            return report(lease, meter, hole[0], hole[1]);
        }
        if (roll >= 70 && roll < 78 && !recorded.isEmpty()) {
            return pick(recorded).report();
        }
        if (roll >= 78 && roll < 82 && !recorded.isEmpty()) {
            Report earlier = pick(recorded).report();
            return random.nextBoolean()
                    ? new Report(earlier.reportId(), earlier.start(), earlier.end(), earlier.gpuSeconds() ^ 1)
                    : new Report(earlier.reportId(), earlier.start(), earlier.end().plus(1, MINUTES),
                            earlier.gpuSeconds());
        }
        if (roll >= 82 && roll < 89 && !recorded.isEmpty()) {
            Report earlier = pick(recorded).report();
            long minutes = Duration.between(earlier.start(), earlier.end()).toMinutes();
            Instant start = earlier.start().plus(random.nextInt((int) Math.max(1, minutes)), MINUTES);
            return report(lease, meter, start, start.plus(1 + random.nextInt(90), MINUTES));
        }
        if (roll >= 89 && roll < 94) {
            return outside(lease, meter);
        }
        Instant start = meter.cursor;
        if (random.nextInt(100) < 35) {
            Instant end = start.plus(15 + random.nextInt(106), MINUTES);
            meter.holes.add(new Instant[] {start, end});
            start = end;
        }
        Instant end = start.plus(5 + random.nextInt(176), MINUTES);
        meter.cursor = end;
        if (roll >= 94) {
            long capacity = lease.gpuCount * Duration.between(start, end).getSeconds();
            return new Report("u-" + meter.reports++, start, end, capacity + 1 + random.nextInt(100));
        }
        return report(lease, meter, start, end);
    }

    private Report outside(Lease lease, Meter meter) {
        int variant = random.nextInt(3);
        if (variant == 1 && lease.endsAt != null) {
            return report(lease, meter, lease.endsAt.minus(30, MINUTES), lease.endsAt.plus(1 + random.nextInt(60),
                    MINUTES));
        }
        if (variant == 2 && lease.closedAt != null) {
            Instant start = lease.closedAt.minus(random.nextInt(2) * 30L, MINUTES);
            return report(lease, meter, start, start.plus(31 + random.nextInt(60), MINUTES));
        }
        return report(lease, meter, lease.startsAt.minus(1 + random.nextInt(120), MINUTES),
                lease.startsAt.plus(random.nextInt(60), MINUTES));
    }

    /** A new report over [start, end): usually some of the GPUs' capacity, sometimes none or all of it. */
    private Report report(Lease lease, Meter meter, Instant start, Instant end) {
        long capacity = lease.gpuCount * Duration.between(start, end).getSeconds();
        int roll = random.nextInt(100);
        long gpuSeconds = roll < 5 ? 0 : roll < 15 ? capacity : 1 + random.nextLong(capacity);
        return new Report("u-" + meter.reports++, start, end, gpuSeconds);
    }

    private String malformedReport(String leaseId) {
        String lease = leaseId == null ? "" : "\"leaseId\": \"" + leaseId + "\", ";
        String id = "\"reportId\": \"bad-" + random.nextInt(1000) + "\", ";
        String period = "\"periodStart\": \"2027-01-02T00:00:00Z\", \"periodEnd\": \"2027-01-02T01:00:00Z\", ";
        return switch (random.nextInt(7)) {
            case 0 -> "{" + lease + id + period.substring(0, period.length() - 2) + "}";
            case 1 -> "{" + lease + id + period + "\"gpuSeconds\": -1}";
            case 2 -> "{" + lease + id + "\"periodStart\": \"2027-01-02T00:00:00Z\", "
                    + "\"periodEnd\": \"2027-01-02T00:00:00Z\", \"gpuSeconds\": 0}";
            case 3 -> "{" + lease + id + "\"periodStart\": \"2027-01-02 00:00\", "
                    + "\"periodEnd\": \"2027-01-02T01:00:00Z\", \"gpuSeconds\": 1}";
            case 4 -> "{" + lease + "\"reportId\": \"has space\", " + period + "\"gpuSeconds\": 1}";
            case 5 -> "{" + lease + id + period + "\"gpuSeconds\": 1, \"meter\": 7}";
            default -> leaseId == null ? "[]" : "\"a report\"";
        };
    }

    /** A lease id the marketplace does not have: unknown everywhere, or another marketplace's. */
    private String leaseUnknownTo(String marketplace) {
        List<Lease> others = leases.stream().filter(l -> !l.marketplaceId.equals(marketplace)
                && !leasesByKey.containsKey(marketplace + "/" + l.leaseId)).toList();
        return others.isEmpty() || random.nextBoolean() ? "rl-" + run + "-nope" : pick(others).leaseId;
    }

    private static String usageBody(Report r) {
        return Leases.usage(r.reportId(), r.start().toString(), r.end().toString(), r.gpuSeconds());
    }

    private static String batchEntry(String leaseId, Report r) {
        return Leases.batchReport(leaseId, r.reportId(), r.start().toString(), r.end().toString(), r.gpuSeconds());
    }

    // --- price and close

    private void changePrice() {
        Lease lease = pick(leases);
        Instant cursor = meters.get(lease.key()).cursor;
        Instant usageEnd = lease.latestUsageEnd() == null ? lease.startsAt : lease.latestUsageEnd();
        int roll = random.nextInt(100);
        Instant effectiveFrom = roll < 65 ? cursor.plus(random.nextInt(121), MINUTES)
                : roll < 78 ? usageEnd.minus(1 + random.nextInt(120), MINUTES)
                : roll < 86 ? lease.latestPriceChange
                : roll < 94 ? lease.latestPriceChange.minus(1 + random.nextInt(60), MINUTES)
                : lease.startsAt.minus(1 + random.nextInt(60), MINUTES);
        BigInteger price = pick(PRICES);
        Set<String> broken = lease.changePrice(effectiveFrom, price);
        Response response = post(keys.get(lease.marketplaceId), "/v1/leases/" + lease.leaseId + "/price",
                Leases.price(price.toString(), effectiveFrom.toString()));
        if (!broken.isEmpty()) {
            expectRejection(response, broken, "price " + lease.key() + " from " + effectiveFrom);
            return;
        }
        assertThat(response.status()).as("price " + lease.key() + ": " + response).isEqualTo(200);
        assertThat(response.json().path("priceUnitsPerGpuHour").asText()).isEqualTo(price.toString());
        count("price");
    }

    private void close() {
        Lease lease = pick(leases);
        Instant cursor = meters.get(lease.key()).cursor;
        Instant usageEnd = lease.latestUsageEnd();
        int roll = random.nextInt(100);
        Instant closedAt = roll < 70 || usageEnd == null ? cursor.plus(random.nextInt(61), MINUTES)
                : roll < 85 ? usageEnd.minus(1 + random.nextInt(60), MINUTES)
                : lease.startsAt.minus(1 + random.nextInt(60), MINUTES);
        String reason = pick(REASONS);
        Set<String> broken = lease.close(closedAt, reason);
        Response response = post(keys.get(lease.marketplaceId), "/v1/leases/" + lease.leaseId + "/close",
                Leases.close(reason, closedAt.toString()));
        if (!broken.isEmpty()) {
            expectRejection(response, broken, "close " + lease.key() + " at " + closedAt);
            return;
        }
        assertThat(response.status()).as("close " + lease.key() + ": " + response).isEqualTo(200);
        count("close");
    }

    // --- answers

    private void expectResult(JsonNode result, Outcome expected, String context) {
        String status = result.path("status").asText();
        assertThat(status).as(context + ": " + result).isEqualTo(expected.status());
        if ("REJECTED".equals(status)) {
            assertThat(expected.codes()).as(context + ": " + result).contains(result.path("code").asText());
            count(result.path("code").asText());
        } else {
            assertThat(amounts(result)).as(context).isEqualTo(expected.charges().toString());
            count(status);
        }
    }

    private void expectRejection(Response response, Set<String> codes, String context) {
        assertThat(response.contentType()).as(context + ": " + response).startsWith("application/problem+json");
        String code = response.code();
        assertThat(codes).as(context + ": " + response).contains(code);
        assertThat(response.status()).as(context).isEqualTo(RejectionCode.valueOf(code).status());
        count(code);
    }

    // --- the reckoning

    /** Checks each lease's GET against the model; answers the sum of all leases' totals. */
    private BigInteger[] verifyLeases() {
        BigInteger[] sum = zero();
        for (Lease lease : leases) {
            Response response = api.get(keys.get(lease.marketplaceId), "/v1/leases/" + lease.leaseId);
            assertThat(response.status()).as(lease.key() + ": " + response).isEqualTo(200);
            JsonNode json = response.json();
            String context = lease.key() + ": " + json;
            assertThat(json.path("gpuSecondsRecorded").asLong()).as(context).isEqualTo(lease.gpuSeconds(null, null));
            assertThat(amounts(json)).as(context).isEqualTo(lease.totals().toString());
            assertThat(json.path("state").asText()).as(context).isEqualTo(lease.closedAt == null ? "ACTIVE" : "CLOSED");
            assertThat(json.path("closedAt").isNull() ? null : Instant.parse(json.path("closedAt").asText()))
                    .as(context).isEqualTo(lease.closedAt);
            assertThat(json.path("closeReason").isNull() ? null : json.path("closeReason").asText())
                    .as(context).isEqualTo(lease.closeReason);
            assertThat(json.path("priceUnitsPerGpuHour").asText()).as(context)
                    .isEqualTo(lease.latestPriceSet.toString());
            assertThat(json.path("providerId").asText()).isEqualTo(lease.providerId);
            assertThat(json.path("tenantId").asText()).isEqualTo(lease.tenantId);
            add(sum, json);
        }
        return sum;
    }

    private void verifyStatements(BigInteger[] grandTotal) {
        List<Instant> starts = leases.stream().flatMap(l -> l.recorded().stream())
                .map(r -> r.report().start()).sorted().toList();
        Instant t1 = starts.isEmpty() || random.nextBoolean() ? BASE.plus(random.nextInt(60 * 24 * 20), MINUTES)
                : pick(starts);
        Instant t2 = t1.plus(1 + random.nextInt(60 * 24 * 20), MINUTES);
        List<Window> windows = List.of(new Window(null, null), new Window(t1, t2), new Window(t1, null),
                new Window(null, t2), new Window(t2, t2), new Window(null, t1), new Window(t2, null));
        for (Window window : windows) {
            BigInteger[] byProvider = zero();
            BigInteger[] byTenant = zero();
            BigInteger[] byMarketplace = zero();
            for (String provider : providers) {
                add(byProvider, statement(AUDITOR, "/v1/statements/providers/" + provider, window,
                        l -> l.providerId.equals(provider)));
                for (String marketplace : marketplaces) {
                    statement(keys.get(marketplace), "/v1/statements/providers/" + provider, window,
                            l -> l.providerId.equals(provider) && l.marketplaceId.equals(marketplace));
                }
            }
            for (String tenant : tenants) {
                add(byTenant, statement(AUDITOR, "/v1/statements/tenants/" + tenant, window,
                        l -> l.tenantId.equals(tenant)));
                for (String marketplace : marketplaces) {
                    statement(keys.get(marketplace), "/v1/statements/tenants/" + tenant, window,
                            l -> l.tenantId.equals(tenant) && l.marketplaceId.equals(marketplace));
                }
            }
            for (String marketplace : marketplaces) {
                add(byMarketplace, statement(keys.get(marketplace), "/v1/statements/marketplace", window,
                        l -> l.marketplaceId.equals(marketplace)));
                statement(AUDITOR, "/v1/statements/marketplace?marketplaceId=" + marketplace, window,
                        l -> l.marketplaceId.equals(marketplace));
            }
            assertThat(byTenant).as("tenants vs providers " + window).containsExactly(byProvider);
            assertThat(byMarketplace).as("marketplaces vs providers " + window).containsExactly(byProvider);
            if (window.from() == null && window.to() == null) {
                assertThat(byProvider).as("statements vs the leases' totals").containsExactly(grandTotal);
            }
        }
        // Consecutive windows add up to the whole, to the unit, as the API answers them.
        BigInteger[] pieces = zero();
        for (Window window : List.of(new Window(null, t1), new Window(t1, t2), new Window(t2, null))) {
            for (String provider : providers) {
                add(pieces, api.get(AUDITOR, window.query("/v1/statements/providers/" + provider)).json()
                        .path("totals"));
            }
        }
        assertThat(pieces).as("[.., t1) + [t1, t2) + [t2, ..)").containsExactly(grandTotal);
        for (Window window : List.of(windows.get(0), windows.get(1))) {
            csvMatchesJson(AUDITOR, window.query("/v1/statements/providers/" + providers.get(0)));
            csvMatchesJson(keys.get(marketplaces.get(0)), window.query("/v1/statements/marketplace"));
            csvMatchesJson(keys.get(marketplaces.get(1)), window.query("/v1/statements/tenants/" + tenants.get(0)));
        }
    }

    /** Checks one statement line by line against the model; answers its totals. */
    private JsonNode statement(String key, String path, Window window, Predicate<Lease> subject) {
        String url = window.query(path);
        Response response = api.get(key, url);
        assertThat(response.status()).as(url + ": " + response).isEqualTo(200);
        JsonNode statement = response.json();
        Map<String, String> expected = new TreeMap<>();
        Amounts totals = Amounts.ZERO;
        long gpuSeconds = 0;
        for (Lease lease : leases) {
            if (subject.test(lease)) {
                Amounts slice = lease.slice(window.from(), window.to());
                long seconds = lease.gpuSeconds(window.from(), window.to());
                expected.put(lease.key(), seconds + " " + slice);
                totals = totals.plus(slice);
                gpuSeconds += seconds;
            }
        }
        assertThat(lines(statement)).as(url).isEqualTo(expected);
        assertThat(statement.path("totals").path("gpuSecondsRecorded").asLong()).as(url).isEqualTo(gpuSeconds);
        assertThat(amounts(statement.path("totals"))).as(url).isEqualTo(totals.toString());
        return statement.path("totals");
    }

    private void csvMatchesJson(String key, String url) {
        JsonNode json = api.get(key, url).json();
        Response csv = api.get(key, url, "text/csv");
        assertThat(csv.status()).as(url).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        Map<String, String> lines = new TreeMap<>();
        int total = 1;
        for (; !rows[total].startsWith("TOTAL,"); total++) {
            String[] cells = rows[total].split(",", -1);
            lines.put(cells[0] + "/" + cells[1], cells[5] + " " + cells[6] + "/" + cells[7] + "/" + cells[8]);
        }
        assertThat(lines).as(url + " as CSV").isEqualTo(lines(json));
        JsonNode totals = json.path("totals");
        JsonNode net = totals.path("net");
        // Usage as recorded, no capacity lease's energy or fee, then voids, adjustments and SLA credits (none
        // here), then the net.
        assertThat(rows[total]).startsWith("TOTAL,,,,," + totals.path("gpuSecondsRecorded").asText() + ","
                + totals.path("chargedUnits").asText() + "," + totals.path("feeUnits").asText() + ","
                + totals.path("providerUnits").asText() + ",,,,,,,0,0,0,0,0,0,0,0,0,0,"
                + net.path("gpuSeconds").asText() + ","
                + net.path("chargedUnits").asText() + "," + net.path("feeUnits").asText() + ","
                + net.path("providerUnits").asText());
    }

    private static Map<String, String> lines(JsonNode statement) {
        Map<String, String> lines = new TreeMap<>();
        for (JsonNode line : statement.path("leases")) {
            lines.put(line.path("marketplaceId").asText() + "/" + line.path("leaseId").asText(),
                    line.path("gpuSecondsRecorded").asText() + " " + amounts(line));
        }
        return lines;
    }

    // --- small helpers

    private Response post(String key, String path, String body) {
        return api.post(key, path, idempotencyKey(), body);
    }

    private String idempotencyKey() {
        return "rnd-" + run + "-" + writes++;
    }

    /** Mostly a lease still open: meters of closed leases send little but late reports. */
    private Lease pickForUsage(List<Lease> from) {
        List<Lease> open = from.stream().filter(l -> l.closedAt == null).toList();
        return open.isEmpty() || random.nextInt(10) == 0 ? pick(from) : pick(open);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private void count(String what) {
        tally.merge(what, 1, Integer::sum);
    }

    private static String amounts(JsonNode node) {
        return node.path("chargedUnits").asText() + "/" + node.path("feeUnits").asText() + "/"
                + node.path("providerUnits").asText();
    }

    private static BigInteger[] zero() {
        return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    }

    /** Adds gpuSecondsRecorded, chargedUnits, feeUnits and providerUnits of a lease, line or totals. */
    private static void add(BigInteger[] sum, JsonNode node) {
        String[] fields = {"gpuSecondsRecorded", "chargedUnits", "feeUnits", "providerUnits"};
        for (int i = 0; i < fields.length; i++) {
            sum[i] = sum[i].add(new BigInteger(node.path(fields[i]).asText()));
        }
    }
}
