package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Browser;
import io.gpuledger.support.Leases;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** What a marketplace key sees in the console: its leases, their usage and history, statements, balances. */
class MarketplaceConsoleIT extends ConsoleBrowserIT {

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
    void aMarketplaceReadsAProvidersStatementDownloadsItAsCsvAndReadsATenantsBalance() throws Exception {
        String leaseId = Leases.uniqueId("console-statement");
        String providerId = Leases.uniqueId("prov");
        String tenantId = Leases.uniqueId("tenant");
        String open = Leases.open(leaseId, providerId, tenantId, 8, "2100000", 500, "2026-11-01T00:00:00Z", null);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", open).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 7200)).status()).isEqualTo(201);
        String charged = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json().path("chargedUnits").asText();

        browser = Browser.open(port);
        browser.signIn(MARKETPLACE_A);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        browser.visible(By.linkText("Statements & balances")).click();
        new Select(browser.visible(By.id("statement-kind"))).selectByValue("providers");
        browser.visible(By.id("statement-subject")).sendKeys(providerId);
        browser.driver().findElement(By.cssSelector("#statement-form button[type=submit]")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("statement"), leaseId));
        assertThat(browser.visible(By.id("statement")).getText()).contains(charged);

        browser.visible(By.id("statement-csv")).click();
        String csv = Files.readString(browser.downloaded("statement-providers-" + providerId + ".csv"));
        assertThat(csv).isEqualTo(api.get(MARKETPLACE_A, "/v1/statements/providers/" + providerId, "text/csv").body());

        browser.visible(By.id("balance-tenant")).sendKeys(tenantId);
        browser.driver().findElement(By.cssSelector("#balance-form button[type=submit]")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("balance"), tenantId));
        browser.screenshot("marketplace-statement");
    }

    @Test
    void aMarketplacePagesThroughItsLeasesWithTheListsCursor() {
        String tenantId = Leases.uniqueId("tenant-paged");
        List<String> leaseIds = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            String leaseId = Leases.uniqueId("console-page");
            String open = Leases.open(leaseId, "prov-paged", tenantId, 1, "2100000", 500, "2026-11-01T00:00:00Z", null);
            assertThat(api.post(MARKETPLACE_A, "/v1/leases", open).status()).isEqualTo(201);
            leaseIds.add(leaseId);
        }

        browser = Browser.open(port);
        browser.signIn(MARKETPLACE_A);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        browser.visible(By.id("filter-tenantId")).sendKeys(tenantId);
        browser.driver().findElement(By.cssSelector("#filters button[type=submit]")).click();
        browser.await(d -> shownLeases().size() == 25);
        List<String> shown = new ArrayList<>(shownLeases());
        browser.visible(By.id("next-page")).click();
        browser.await(d -> shownLeases().size() == 2);
        shown.addAll(shownLeases());
        assertThat(shown).containsExactlyInAnyOrderElementsOf(leaseIds);
        assertThat(browser.driver().findElements(By.id("next-page"))).isEmpty();
    }

    private List<String> shownLeases() {
        return browser.driver().findElements(By.cssSelector("#lease-list tbody tr td:first-child a")).stream()
                .map(a -> a.getText()).toList();
    }
}
