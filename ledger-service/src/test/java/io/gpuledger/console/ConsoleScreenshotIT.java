package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Browser;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Makes the README's picture of the console: a marketplace's lease with a day of usage, its chart
 * drawn. It goes to the path in the system property {@code console.screenshot} (docs/console-screenshot.sh
 * passes docs/console.png), else under target/console-screenshots/.
 */
class ConsoleScreenshotIT extends LedgerIT {

    private static final int[] GPU_HOURS = {6, 7, 8, 8, 5, 3, 4, 8, 8, 7, 6, 8};

    @Test
    void theReadmeScreenshotShowsALeaseWithItsUsageChart() throws Exception {
        String leaseId = Leases.uniqueId("mkt-lease");
        String open = Leases.open(leaseId, "prov-7", "tenant-42", 8, "2100000", 500, "2026-11-01T00:00:00Z", null);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", open).status()).isEqualTo(201);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < GPU_HOURS.length; i++) {
            Instant from = start.plus(2L * i, ChronoUnit.HOURS);
            Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage", Leases.usage(
                    "meter-9-%06d".formatted(i + 1), from.toString(), from.plus(1, ChronoUnit.HOURS).toString(),
                    3600L * GPU_HOURS[i]));
            assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        }

        try (Browser browser = Browser.open(port)) {
            browser.driver().manage().window().setSize(new Dimension(1280, 1240));
            browser.signIn(MARKETPLACE_A);
            browser.await(ExpectedConditions.urlContains("/console/leases.html"));
            browser.go("/console/lease.html?lease=" + leaseId);
            browser.await(d -> Long.valueOf(GPU_HOURS.length).equals(browser.script(
                    "const c = document.getElementById('usage-chart');"
                            + "const chart = c && window.Chart.getChart(c);"
                            + "return chart ? chart.data.datasets[0].data.length : null;")));
            browser.visible(By.cssSelector("#lease-history .event-hash"));
            Path file = Path.of(System.getProperty("console.screenshot", "target/console-screenshots/readme.png"));
            browser.screenshot(file);
            assertThat(Files.size(file)).isGreaterThan(10_000);
        }
    }
}
