package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static io.gpuledger.support.TestKeys.PROVIDER;
import static io.gpuledger.support.TestKeys.PROVIDER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Browser;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The console in headless Chromium against the whole ledger: each role signs in and sees its pages. */
class ConsoleIT extends LedgerIT {

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void consoleFilesNeedNoKeyAndRunOnlyTheServicesOwnScripts() {
        Response page = api.send("GET", "/console/", Map.of(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"api-key\"").contains("type=\"password\"");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("default-src 'none'")
                .doesNotContain("unsafe");
        assertThat(api.send("GET", "/console", Map.of(), null).status()).isEqualTo(302);
        Response chart = api.send("GET", "/webjars/chart.js/dist/chart.umd.js", Map.of(), null);
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart");
    }

    @Test
    void aMarketplaceSeesItsLeaseWithItsUsageChartAndEachEventsHash() {
        String leaseId = Leases.uniqueId("console");
        String tenantId = Leases.uniqueId("tenant");
        String open = Leases.open(leaseId, "prov-console", tenantId, 8, "2100000", 500, "2026-11-01T00:00:00Z", null);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", open).status()).isEqualTo(201);
        for (int hour = 0; hour < 3; hour++) {
            String start = "2026-11-01T0%d:00:00Z".formatted(hour);
            String end = "2026-11-01T0%d:00:00Z".formatted(hour + 1);
            Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                    Leases.usage("r-" + hour, start, end, 3600L * (4 + hour)));
            assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        }

        browser = Browser.open(port);
        browser.signIn(MARKETPLACE_A);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        assertThat(browser.visible(By.id("role")).getText()).isEqualTo("MARKETPLACE");
        browser.visible(By.id("filter-tenantId")).sendKeys(tenantId);
        browser.driver().findElement(By.cssSelector("#filters button[type=submit]")).click();
        browser.visible(By.linkText(leaseId)).click();

        browser.await(ExpectedConditions.urlContains("/console/lease.html"));
        browser.await(d -> Long.valueOf(3).equals(browser.script(
                "const c = document.getElementById('usage-chart');"
                        + "const chart = c && window.Chart.getChart(c);"
                        + "return chart ? chart.data.datasets[0].data.length : null;")));
        assertThat(browser.script("return window.Chart.getChart(document.getElementById('usage-chart'))"
                + ".data.datasets[0].data")).asString().isEqualTo("[4, 5, 6]");
        assertThat(browser.visible(By.id("lease-details")).getText()).contains("prov-console").contains(tenantId);

        List<String> hashes = new ArrayList<>();
        for (JsonNode event : api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events")) {
            hashes.add(event.path("hash").asText());
        }
        browser.await(d -> d.findElements(By.cssSelector("#lease-history .event-hash")).size() == hashes.size());
        List<String> shown = browser.driver().findElements(By.cssSelector("#lease-history .event-hash")).stream()
                .map(e -> e.getText()).toList();
        assertThat(shown).containsExactlyElementsOf(hashes);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(MARKETPLACE_A);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        browser.screenshot("marketplace-lease");
    }

    @Test
    void anOperatorSeesAnEpochItClosedWithItsPayouts() {
        String leaseId = Leases.uniqueId("console-epoch");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 7200)).status()).isEqualTo(201);
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        String epoch = closed.json().path("epoch").asText();

        browser = Browser.open(port);
        browser.signIn(OPERATOR);
        browser.await(ExpectedConditions.urlContains("/console/epochs.html"));
        assertThat(browser.visible(By.id("role")).getText()).isEqualTo("OPERATOR");
        browser.visible(By.linkText(epoch)).click();

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("epoch-summary"), "CLOSED"));
        assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("Epoch " + epoch);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("epoch-payouts"), Leases.PAYOUT_ADDRESS));
        browser.screenshot("operator-epoch");
    }

    @Test
    void aKeyTheLedgerDoesNotKnowIsRefusedWithAnError() {
        browser = Browser.open(port);
        browser.signIn("not-a-key-of-this-ledger");
        assertThat(browser.visible(By.cssSelector("#message .alert")).getText()).contains("does not know this key");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        browser.screenshot("wrong-key");
    }

    @Test
    void aMarketplaceKeyMayNotOpenTheOperatorsPages() {
        browser = Browser.open(port);
        browser.signIn(MARKETPLACE_A);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        browser.go("/console/keys.html");
        assertThat(browser.visible(By.cssSelector("main .alert")).getText()).contains("A MARKETPLACE key may not see this page");
        assertThat(browser.driver().findElements(By.id("key-form"))).isEmpty();
    }

    @Test
    void anAuditorChecksAnEventsInclusionProofInThePage() {
        String leaseId = Leases.uniqueId("console-proof");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 3600)).status()).isEqualTo(201);
        closeEpoch();

        browser = Browser.open(port);
        browser.signIn(AUDITOR);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        assertThat(browser.visible(By.id("role")).getText()).isEqualTo("AUDITOR");
        browser.go("/console/lease.html?lease=" + leaseId + "&marketplace=" + TestKeys.MKT_A);
        browser.visible(By.cssSelector("#lease-history a[href^='proof.html']")).click();

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("proof-verdict"), "VALID"));
        assertThat(browser.visible(By.id("hash-check")).getText()).contains("matches");
        assertThat(browser.visible(By.id("root-check")).getText()).contains("matches");
        assertThat(browser.visible(By.id("proof-verdict")).getText()).doesNotContain("INVALID");
        browser.screenshot("auditor-proof");
    }

    @Test
    void aProviderSeesItsPayoutAndTheProofAndCallToClaimIt() {
        String leaseId = Leases.uniqueId("console-provider");
        String open = Leases.open(leaseId).replace(Leases.PAYOUT_ADDRESS, PROVIDER_ADDRESS);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", open).status()).isEqualTo(201);
        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 3600));
        String providerUnits = usage.json().path("providerUnits").asText();
        long epoch = closeEpoch();

        browser = Browser.open(port);
        browser.signIn(PROVIDER);
        browser.await(ExpectedConditions.urlContains("/console/payouts.html"));
        browser.visible(By.cssSelector("button[data-epoch='" + epoch + "']")).click();

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("root-check"), "matches"));
        String call = browser.visible(By.id("claim-call")).getText();
        assertThat(call).contains("claim(uint64,address,uint256,bytes32[])").contains(" " + epoch + " ")
                .containsIgnoringCase(PROVIDER_ADDRESS).contains(providerUnits);
        browser.screenshot("provider-payout");
    }

    @Test
    void anOperatorRevokesAKeyAndTheLedgerRefusesItFromThenOn() {
        Response created = api.post(OPERATOR, "/v1/keys", """
                {"marketplaceId": "mkt-console", "role": "MARKETPLACE", "label": "to revoke in the console"}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String keyId = created.json().path("keyId").asText();
        String key = created.json().path("key").asText();
        assertThat(api.get(key, "/v1/leases").status()).isEqualTo(200);

        browser = Browser.open(port);
        browser.signIn(OPERATOR);
        browser.await(ExpectedConditions.urlContains("/console/epochs.html"));
        browser.go("/console/keys.html");
        browser.visible(By.cssSelector("button[data-key-id='" + keyId + "']")).click();

        browser.await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("button[data-key-id='" + keyId + "']"), 0));
        assertThat(api.get(key, "/v1/leases").status()).isEqualTo(401);
        browser.screenshot("operator-keys");
    }

    private long closeEpoch() {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        org.awaitility.Awaitility.await().until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status() == 200);
        return epoch;
    }
}
