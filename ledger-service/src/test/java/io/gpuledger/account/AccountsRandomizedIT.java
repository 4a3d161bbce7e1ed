package io.gpuledger.account;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.account.AccountsModel.Charges;
import io.gpuledger.account.AccountsModel.Lease;
import io.gpuledger.account.AccountsModel.Report;
import io.gpuledger.account.AccountsModel.Tenant;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.journal.JournalProjection;
import io.gpuledger.journal.PostingRules;
import io.gpuledger.operations.ProjectionLag;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.web3j.crypto.Keys;

/**
 * Random traffic of prepaid and postpaid leases (GPU-hour and capacity), deposits, credits, overdraws, voids, adjustments
 * and epochs through the HTTP API, checked against {@link AccountsModel} to the unit: every answer as
 * it comes; after every operation the journal, once its processor has reached the event store's head:
 * its entries sum to zero and it holds each tenant's balance; at checkpoints every lease's totals and
 * held units and every tenant's balance through the API; every epoch's payouts and carried amounts for
 * this test's addresses. Each epoch close accrues the capacity leases' fees through an instant the test
 * picks, and half of them pay a reward pool (by weights, or by the epoch's GPU-seconds). A third of the
 * leases carry an SLA: downtime (whole hours, some across the February/March month end) is reported, some
 * are closed for SLA_BREACH, prepaid ones may close for INSUFFICIENT_FUNDS, and each close's accrueThrough
 * closes the windows that ended by then; the last close accrues through May, so every window of February,
 * March and April is closed, and the reliability route must show each window's uptime and credit as the
 * model has them. Seeded: {@code -Dledger.randomSeed=N} replays a run.
 */
class AccountsRandomizedIT extends LedgerIT {

    private static final int OPERATIONS = Integer.getInteger("ledger.accountsOperations", 400);
    // In the past: an epoch close refuses to accrue time-based charges through a moment still to come.
    // Twelve hours before a month end, so leases' usage, downtime and SLA windows cross it.
    private static final Instant BASE = Instant.parse("2026-02-28T12:00:00Z");
    /** The last close's accrueThrough: past the end of every window the leases can have but May's. */
    private static final Instant LAST_ACCRUAL = Instant.parse("2026-05-01T00:00:00Z");
    private static final List<Integer> BELOW_BPS = List.of(10_000, 9990, 9950, 9900, 9500, 9000);
    private static final List<Integer> FEES = List.of(0, 1, 333, 500, 9999, 10_000);
    private static final List<BigInteger> PRICES = List.of(BigInteger.ONE, BigInteger.valueOf(999_999),
            BigInteger.valueOf(2_100_000), BigInteger.valueOf(3_333_333));

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private EventStoreReader events;
    @Autowired
    private ProjectionLag lag;
    private LedgerTables tables;
    /** The events up to this global index have been posted and checked. */
    private long journalCheckedThrough;
    private final AccountsModel model = new AccountsModel();
    private final List<String> tenants = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private Random random;
    private int slaCloses;

    @Test
    void reconcilesLeasesTenantsJournalAndEpochsWithTheModelToTheUnit() {
        long seed = Long.getLong("ledger.randomSeed", ThreadLocalRandom.current().nextLong());
        System.out.println("AccountsRandomizedIT seed=" + seed + " (replay with -Dledger.randomSeed=" + seed + ")");
        random = new Random(seed);
        tables = new LedgerTables(jdbc);
        journalCheckedThrough = tables.headIndex();
        try {
            for (int i = 0; i < 4; i++) {
                tenants.add("at-" + run + "-" + i);
                byte[] address = new byte[20];
                random.nextBytes(address);
                addresses.add(Keys.toChecksumAddress("0x" + java.util.HexFormat.of().formatHex(address)));
            }
            closeEpoch();
            for (int operation = 0; operation < OPERATIONS; operation++) {
                step();
                checkJournal(operation);
                if (operation % 100 == 99) {
                    checkpoint();
                }
            }
            checkpoint();
            closeEpoch(LAST_ACCRUAL);
            checkpoint();
            checkSlaWindows();
        } catch (AssertionError e) {
            throw new AssertionError("AccountsRandomizedIT seed=" + seed + ": " + e.getMessage(), e);
        }
    }

    private void step() {
        double p = random.nextDouble();
        if (p < 0.06 || model.openLeases().size() < 3) {
            openLease();
        } else if (p < 0.20) {
            deposit();
        } else if (p < 0.55) {
            singleReport();
        } else if (p < 0.75) {
            batch();
        } else if (p < 0.85) {
            voidReport();
        } else if (p < 0.90) {
            adjust();
        } else if (p < 0.945) {
            reportDowntime();
        } else if (p < 0.95) {
            closeForSlaBreach();
        } else {
            closeEpoch();
        }
    }

    private void openLease() {
        String leaseId = "al-" + run + "-" + model.leases.size();
        AccountsModel.Capacity capacity = random.nextInt(3) == 0 ? new AccountsModel.Capacity(1 + random.nextInt(50),
                pick(PRICES), pick(PRICES)) : null;
        Lease lease = new Lease(leaseId, pick(tenants), pick(addresses), random.nextBoolean(),
                1 + random.nextInt(8), pick(FEES), pick(PRICES), capacity, BASE);
        String body = Leases.open(leaseId, "ap-" + run, lease.tenant, lease.gpuCount, lease.price.toString(),
                lease.feeBps, BASE.toString(), null).replace(Leases.PAYOUT_ADDRESS, lease.payoutAddress);
        if (capacity != null) {
            body = body.replace("\"priceUnitsPerGpuHour\": \"" + lease.price + "\",", "\"pricing\": {\"kind\": \"CAPACITY\", "
                    + "\"capacityKw\": " + capacity.capacityKw() + ", \"feeUnitsPerHour\": \"" + capacity.feePerHour()
                    + "\", \"energyUnitsPerKwh\": \"" + capacity.energyPerKwh() + "\"},");
        }
        body = body.substring(0, body.lastIndexOf('}')) + ", \"billing\": \"" + (lease.prepaid ? "PREPAID" : "POSTPAID")
                + "\"" + sla(lease) + "}";
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        model.leases.put(leaseId, lease);
    }

    /** A third of the leases get an SLA of one to three tiers: the open body's field, or nothing. */
    private String sla(Lease lease) {
        if (random.nextInt(3) != 0) {
            return "";
        }
        Map<Integer, Integer> tiers = new TreeMap<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            tiers.put(pick(BELOW_BPS), 1 + random.nextInt(10_000));
        }
        lease.sla = new AccountsModel.Sla(9990, tiers);
        return ", \"sla\": {\"uptimeTargetBps\": 9990, \"credits\": [" + tiers.entrySet().stream()
                .map(t -> "{\"belowBps\": " + t.getKey() + ", \"creditBps\": " + t.getValue() + "}")
                .collect(java.util.stream.Collectors.joining(", ")) + "]}";
    }

    /**
     * Downtime of whole hours on a lease with an SLA, after its last downtime and its closed windows, within
     * the lease (so a close, which never precedes it, stays on the hour as usage periods are).
     */
    private void reportDowntime() {
        List<Lease> withSla = model.leases.values().stream().filter(l -> l.sla != null).toList();
        if (withSla.isEmpty()) {
            return;
        }
        Lease lease = pick(withSla);
        Instant after = lease.startsAt;
        Instant fixed = lease.slaFixedMoment();
        if (fixed != null && fixed.isAfter(after)) {
            after = fixed;
        }
        Instant from = after.plusSeconds(3600L * random.nextInt(8));
        Instant to = from.plusSeconds(3600L * (1 + random.nextInt(4)));
        if (lease.closedAt != null && to.isAfter(lease.closedAt)) {
            return;
        }
        String reportId = "down-" + lease.downtime.size();
        Response answer = api.post(MARKETPLACE_A, "/v1/leases/" + lease.id + "/downtime",
                "{\"reportId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}".formatted(reportId, from, to));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        lease.downtime.add(new Instant[] {from, to});
    }

    /** Closes an open lease with an SLA for SLA_BREACH on an hour at or after all it has recorded. */
    private void closeForSlaBreach() {
        List<Lease> open = model.openLeases().stream().filter(l -> l.sla != null).toList();
        if (open.isEmpty()) {
            return;
        }
        Lease lease = pick(open);
        Instant at = lease.startsAt.plusSeconds(3600L * lease.nextHour);
        for (Instant fixed : java.util.Arrays.asList(lease.slaFixedMoment(), lease.capacity == null ? null
                : lease.accruedThrough)) {
            if (fixed != null && fixed.isAfter(at)) {
                at = fixed;
            }
        }
        at = at.plusSeconds(3600L * random.nextInt(48));
        Response answer = api.post(MARKETPLACE_A, "/v1/leases/" + lease.id + "/close", Leases.close("SLA_BREACH",
                at.toString()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        lease.closedAt = at;
        slaCloses++;
    }

    /**
     * Every SLA window the leases closed, as the reliability route shows it (CLOSED, the model's
     * seconds, uptime, tier and credit), and no other closed one; open windows, measured up to now, aside.
     */
    private void checkSlaWindows() {
        Map<String, List<String>> expected = new TreeMap<>();
        for (Lease lease : model.leases.values()) {
            if (lease.sla != null) {
                expected.put(lease.id, lease.windows.stream().map(w -> w.month() + " CLOSED " + w.activeSeconds()
                        + " " + w.downSeconds() + " " + w.uptimeBps() + " " + w.creditBps() + " " + w.creditUnits())
                        .toList());
            }
        }
        JsonNode reliability = awaitJson("/v1/providers/ap-" + run + "/reliability", MARKETPLACE_A,
                r -> windowsOf(r).equals(expected));
        assertThat(windowsOf(reliability)).isEqualTo(expected);
        List<AccountsModel.Window> closed = model.leases.values().stream().flatMap(l -> l.windows.stream()).toList();
        assertThat(closed).as("windows closed").isNotEmpty();
        System.out.println("AccountsRandomizedIT SLA: " + closed.size() + " windows closed, "
                + closed.stream().filter(w -> w.creditUnits().signum() > 0).count() + " credited, "
                + model.leases.values().stream().mapToInt(l -> l.downtime.size()).sum() + " downtime reports, "
                + slaCloses + " closed for SLA_BREACH, " + model.leases.values().stream()
                        .filter(l -> l.sla != null && l.prepaid && l.closedAt != null).count()
                + " prepaid leases with an SLA closed");
    }

    private static Map<String, List<String>> windowsOf(JsonNode reliability) {
        Map<String, List<String>> windows = new TreeMap<>();
        for (JsonNode lease : reliability.path("leases")) {
            List<String> closed = new ArrayList<>();
            for (JsonNode w : lease.path("windows")) {
                if (!w.path("state").asText().equals("CLOSED")) {
                    continue;
                }
                closed.add(w.path("window").asText() + " " + w.path("state").asText() + " "
                        + w.path("activeSeconds").asLong() + " " + w.path("downSeconds").asLong() + " "
                        + w.path("uptimeBps").asInt() + " " + w.path("creditBps").asText() + " "
                        + w.path("creditUnits").asText());
            }
            windows.put(lease.path("leaseId").asText(), closed);
        }
        return windows;
    }

    private void deposit() {
        String tenant = pick(tenants);
        boolean credit = random.nextInt(4) == 0;
        BigInteger amount = BigInteger.valueOf(1 + random.nextInt(40_000_000));
        Response deposited = api.post(MARKETPLACE_A, "/v1/tenants/" + tenant + "/deposits", "{\"depositId\": \"d-"
                + UUID.randomUUID() + "\", \"kind\": \"" + (credit ? "CREDIT" : "DEPOSIT") + "\", \"amountUnits\": \""
                + amount + "\"}");
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(201);
        model.deposit(tenant, credit, amount);
        Tenant expected = model.tenant(tenant);
        assertThat(deposited.json().path("balanceUnits").asText()).as("balance after a deposit")
                .isEqualTo(expected.balance().toString());
        assertThat(deposited.json().path("heldUnits").asText()).isEqualTo(expected.heldUnits().toString());
    }

    private void singleReport() {
        Lease lease = pick(model.leases.values().stream().toList());
        Report report = nextReport(lease);
        Response answer = api.post(MARKETPLACE_A, "/v1/leases/" + lease.id + "/usage", lease.capacity == null
                ? Leases.usage(report.id, report.start.toString(), report.end.toString(), report.gpuSeconds)
                : Leases.usage(report.id, report.start.toString(), report.end.toString(), 0)
                        .replace("\"gpuSeconds\": 0", "\"energyWh\": " + report.energyWh));
        if (closedFor(lease, report)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
            assertThat(answer.code()).isEqualTo("LEASE_CLOSED");
            return;
        }
        Charges before = lease.totals();
        boolean held = model.accept(lease, report);
        model.endOfRequest(lease.tenant);
        Charges slice = lease.totals().minus(before);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().path("chargedUnits").asText()).isEqualTo(slice.charged().toString());
        assertThat(answer.json().path("held").asBoolean()).as("held: " + answer).isEqualTo(held);
    }

    /** Reports of several leases in one batch; the ledger decides the leases in id order. */
    private void batch() {
        Map<String, List<Report>> byLease = new TreeMap<>();
        List<String> body = new ArrayList<>();
        for (int i = 0; i < 2 + random.nextInt(6); i++) {
            Lease lease = pick(model.leases.values().stream().toList());
            List<Report> reports = byLease.computeIfAbsent(lease.id, id -> new ArrayList<>());
            Report report = nextReport(lease);
            reports.add(report);
            String line = Leases.batchReport(lease.id, report.id, report.start.toString(), report.end.toString(),
                    report.gpuSeconds);
            body.add(lease.capacity == null ? line
                    : line.replace("\"gpuSeconds\": 0", "\"energyWh\": " + report.energyWh));
        }
        Response answer = api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(body));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, String> statuses = new TreeMap<>();
        for (JsonNode result : answer.json().path("results")) {
            statuses.put(result.path("leaseId").asText() + "/" + result.path("reportId").asText(),
                    result.path("status").asText() + " "
                    + result.path("code").asText("") + result.path("chargedUnits").asText(""));
        }
        Set<String> tenantsDrawn = new HashSet<>();
        byLease.forEach((leaseId, reports) -> {
            Lease lease = model.leases.get(leaseId);
            for (Report report : reports) {
                if (closedFor(lease, report)) {
                    assertThat(statuses.get(leaseId + "/" + report.id)).as(report.id).isEqualTo("REJECTED LEASE_CLOSED");
                    continue;
                }
                Charges before = lease.totals();
                model.accept(lease, report);
                tenantsDrawn.add(lease.tenant);
                assertThat(statuses.get(leaseId + "/" + report.id)).as(leaseId + "/" + report.id)
                        .isEqualTo("ACCEPTED " + lease.totals().minus(before).charged());
            }
        });
        tenantsDrawn.forEach(model::endOfRequest);
    }

    private void voidReport() {
        Lease lease = pick(model.leases.values().stream().toList());
        List<Report> counting = lease.reports.values().stream().filter(r -> !r.voided).toList();
        if (counting.isEmpty()) {
            return;
        }
        Report report = pick(counting);
        Response answer = api.post(MARKETPLACE_A, "/v1/leases/" + lease.id + "/usage/" + report.id + "/void",
                "{\"reason\": \"randomized\"}");
        if (!model.mayVoid(lease, report)) {
            assertThat(answer.code()).as(answer.toString()).isEqualTo("VOID_EXCEEDS_CHARGES");
            return;
        }
        Charges slice = model.voidReport(lease, report);
        model.endOfRequest(lease.tenant);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().path("chargedUnits").asText()).isEqualTo(slice.charged().toString());
        assertThat(answer.json().path("providerUnits").asText()).isEqualTo(slice.provider().toString());
    }

    private void adjust() {
        Lease lease = pick(model.leases.values().stream().toList());
        boolean credit = random.nextBoolean();
        BigInteger charged = lease.totals().charged();
        BigInteger amount = BigInteger.valueOf(1 + random.nextInt(10_000_000));
        if (credit && charged.signum() > 0 && random.nextBoolean()) {
            amount = charged.min(amount);
        }
        Response answer = api.post(MARKETPLACE_A, "/v1/leases/" + lease.id + "/adjustments", "{\"adjustmentId\": \"a-"
                + UUID.randomUUID() + "\", \"kind\": \"" + (credit ? "CREDIT" : "DEBIT") + "\", \"amountUnits\": \""
                + amount + "\", \"reason\": \"USAGE_CORRECTION\"}");
        if (credit && !model.mayCredit(lease, amount)) {
            assertThat(answer.code()).as(answer.toString()).isEqualTo("ADJUSTMENT_EXCEEDS_CHARGES");
            return;
        }
        Charges slice = model.adjust(lease, credit ? amount.negate() : amount);
        model.endOfRequest(lease.tenant);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().path("chargedUnits").asText()).isEqualTo(slice.charged().toString());
    }

    /** Closes an epoch that accrues the capacity leases' fees through an hour up to a little past the latest usage. */
    private void closeEpoch() {
        int lastHour = model.leases.values().stream().mapToInt(l -> l.nextHour).max().orElse(0);
        closeEpoch(BASE.plusSeconds(3600L * random.nextInt(lastHour + 4)));
    }

    /**
     * Closes an epoch through {@code accrueThrough}: first every SLA window that ended by then is closed and
     * credited, then the capacity leases' fees accrue, each lease in its ids' order.
     */
    private void closeEpoch(Instant accrueThrough) {
        if (random.nextBoolean()) {
            postPool();
        }
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{\"accrueThrough\": \"" + accrueThrough + "\"}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        model.leases.values().forEach(l -> model.closeSlaWindows(l, accrueThrough));
        // The ledger accrues the capacity leases in their ids' order, each in its own command.
        model.leases.values().stream().filter(l -> l.capacity != null).forEach(l -> model.accrueFee(l, accrueThrough));
        Map<String, BigInteger> carried = new TreeMap<>();
        Map<String, BigInteger> payouts = model.closeEpoch(carried);
        JsonNode view = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                () -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts"), r -> r.status() == 200).json();
        Map<String, BigInteger> paid = new TreeMap<>();
        for (JsonNode payout : view.path("payouts")) {
            if (addresses.contains(payout.path("account").asText())) {
                paid.put(payout.path("account").asText(), new BigInteger(payout.path("amountUnits").asText()));
            }
        }
        Map<String, BigInteger> carriedOut = new TreeMap<>();
        for (JsonNode entry : view.path("carried")) {
            if (addresses.contains(entry.path("account").asText())) {
                carriedOut.put(entry.path("account").asText(), new BigInteger(entry.path("carriedUnits").asText()));
            }
        }
        assertThat(paid).as("epoch " + epoch + " payouts").isEqualTo(payouts);
        assertThat(carriedOut).as("epoch " + epoch + " carried").isEqualTo(carried);
    }

    /**
     * A reward pool landing in the close that follows: split by GPU-seconds when this test's addresses
     * recorded some since the last close (so it never waits), else by weights over some addresses,
     * zero weights among them.
     */
    private void postPool() {
        BigInteger amount = BigInteger.valueOf(1 + random.nextInt(10_000_000));
        Map<String, BigInteger> byGpuSeconds = model.gpuSecondsWeights();
        String poolId = "pool-" + run + "-" + UUID.randomUUID();
        String body;
        Map<String, BigInteger> weights;
        if (!byGpuSeconds.isEmpty() && random.nextBoolean()) {
            weights = byGpuSeconds;
            body = "{\"poolId\": \"%s\", \"amountUnits\": \"%s\", \"basis\": \"GPU_SECONDS\"}".formatted(poolId, amount);
        } else {
            weights = new TreeMap<>();
            for (String address : addresses) {
                if (random.nextInt(3) > 0) {
                    weights.put(address, BigInteger.valueOf(random.nextInt(1_000)));
                }
            }
            weights.merge(pick(addresses), BigInteger.ONE, BigInteger::add);
            body = "{\"poolId\": \"%s\", \"amountUnits\": \"%s\", \"weights\": [%s]}".formatted(poolId, amount,
                    weights.entrySet().stream().map(w -> "{\"account\": \"%s\", \"weight\": \"%s\"}"
                            .formatted(w.getKey(), w.getValue())).collect(java.util.stream.Collectors.joining(", ")));
        }
        Response posted = api.post(OPERATOR, "/v1/settlement/pools", body);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        model.payPool(amount, weights);
    }

    private void checkpoint() {
        for (Lease lease : model.leases.values()) {
            Charges totals = lease.totals();
            JsonNode read = awaitJson("/v1/leases/" + lease.id, MARKETPLACE_A,
                    l -> l.path("chargedUnits").asText().equals(totals.charged().toString())
                            && l.path("heldUnits").asText().equals(lease.held.toString())
                            && l.path("state").asText().equals(lease.closedAt == null ? "ACTIVE" : "CLOSED"));
            assertThat(read.path("feeUnits").asText()).as(lease.id).isEqualTo(totals.fee().toString());
            assertThat(read.path("providerUnits").asText()).as(lease.id).isEqualTo(totals.provider().toString());
            assertThat(read.path("gpuSecondsRecorded").asLong()).as(lease.id).isEqualTo(lease.gpuSeconds);
            assertThat(read.path("adjustmentsUnits").asText()).as(lease.id).isEqualTo(lease.adjustmentUnits.toString());
            if (lease.closedAt != null) {
                assertThat(read.path("closedAt").asText()).as(lease.id).isEqualTo(lease.closedAt.toString());
            }
        }
        for (String tenantId : tenants) {
            Tenant tenant = model.tenant(tenantId);
            JsonNode balance = awaitJson("/v1/tenants/" + tenantId + "/balance", MARKETPLACE_A,
                    b -> b.path("chargesUnits").asText().equals(tenant.charges.toString())
                            && b.path("depositsUnits").asText().equals(tenant.deposits.toString()));
            assertThat(balance.path("balanceUnits").asText()).as(tenantId).isEqualTo(tenant.balance().toString());
            assertThat(balance.path("creditsUnits").asText()).as(tenantId).isEqualTo(tenant.credits.toString());
            assertThat(balance.path("heldUnits").asText()).as(tenantId).isEqualTo(tenant.heldUnits().toString());
            // A tenant that never paid in or drew has no account; one whose draws were all given back has one at 0.
            awaitJson("/v1/accounts/tenant:" + MKT_A + "/" + tenantId + "/entries", AUDITOR,
                    account -> account.path("code").asText().equals("ACCOUNT_NOT_FOUND")
                            ? tenant.balance().signum() == 0
                            : account.path("balanceUnits").asText().equals(tenant.balance().toString()));
        }
        assertThat(api.get(AUDITOR, "/v1/accounts").json().path("totalUnits").asText()).isEqualTo("0");
    }

    /**
     * Waits until the journal has posted {@code globalIndex}: this context's processor has handled it,
     * or the committed token has passed it. Either, because other live test contexts share the
     * database and may hold the journal's segment; under load one of them took it over while this
     * context's status stayed behind, and once this context's status ran ahead of the stored token.
     */
    private void awaitJournalPosted(long globalIndex) {
        StreamingEventProcessor journal = processing.eventProcessor(JournalProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        try {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(() -> handledHere(journal, globalIndex)
                            || lag.positions().getOrDefault(JournalProjection.PROCESSING_GROUP, -1L) >= globalIndex);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the journal did not post event " + globalIndex + ": stored positions "
                    + lag.positions() + ", this context's processor " + journal.processingStatus(), e);
        }
    }

    private static boolean handledHere(StreamingEventProcessor processor, long globalIndex) {
        return processor.isRunning() && !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(s ->
                        !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= globalIndex);
    }

    /**
     * The journal after an operation: its processor has posted every event the operation stored, its
     * entries sum to zero, and each tenant's account holds the model's balance (an account with no
     * entries holds 0).
     */
    private void checkJournal(int operation) {
        long head = tables.headIndex();
        long[] lastPosting = {-1};
        events.forEachStoredInRange(PostingRules.EVENT_TYPES, journalCheckedThrough, head,
                (stored, event) -> lastPosting[0] = stored.globalIndex());
        if (lastPosting[0] >= 0) {
            awaitJournalPosted(lastPosting[0]);
        }
        journalCheckedThrough = head;
        String after = "after operation " + operation;
        assertThat(jdbc.queryForObject("SELECT COALESCE(sum(amount_units), 0) FROM journal_entry", BigDecimal.class))
                .as("the journal's entries " + after).isZero();
        Map<String, BigInteger> journalBalances = new TreeMap<>();
        jdbc.query("SELECT account, balance_units FROM journal_balance WHERE account LIKE ?",
                (RowCallbackHandler) rs -> journalBalances.put(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact()),
                "tenant:" + MKT_A + "/at-" + run + "-%");
        Map<String, BigInteger> held = new TreeMap<>();
        Map<String, BigInteger> expected = new TreeMap<>();
        for (String tenantId : tenants) {
            String account = "tenant:" + MKT_A + "/" + tenantId;
            held.put(account, journalBalances.getOrDefault(account, BigInteger.ZERO));
            expected.put(account, model.tenant(tenantId).balance());
        }
        assertThat(held).as("the tenants' journal accounts " + after).isEqualTo(expected);
    }

    private JsonNode awaitJson(String path, String key, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(key, path).json(), until::test);
    }

    /** The lease's next hour; an hour a lease has passed is never reported again, so no period overlaps. */
    private Report nextReport(Lease lease) {
        int hour = lease.nextHour;
        lease.nextHour += 1 + (random.nextInt(5) == 0 ? 1 : 0);
        Instant start = BASE.plusSeconds(3600L * hour);
        if (lease.capacity != null) {
            // An hour at full power is capacityKw × 3600 / 3.6 Wh.
            long fullHourWh = lease.capacity.capacityKw() * 1000;
            return new Report("r-" + hour, start, start.plusSeconds(3600), 0, random.nextInt(8) == 0 ? 0
                    : 1 + random.nextLong(fullHourWh));
        }
        long capacity = 3600L * lease.gpuCount;
        return new Report("r-" + hour, start, start.plusSeconds(3600), random.nextInt(8) == 0 ? 0
                : 1 + random.nextLong(capacity));
    }

    private static boolean closedFor(Lease lease, Report report) {
        return lease.closedAt != null && !report.start.isBefore(lease.closedAt);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
