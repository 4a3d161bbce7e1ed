package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Browser;
import io.gpuledger.support.Leases;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** An auditor's exports in the console: the file saved is what the export route streams. */
class AuditorConsoleIT extends ConsoleBrowserIT {

    @Test
    void anAuditorExportsALeasesEventsAsCsv() throws Exception {
        String leaseId = Leases.uniqueId("console-export");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 3600)).status()).isEqualTo(201);

        browser = Browser.open(port);
        browser.signIn(AUDITOR);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        browser.visible(By.linkText("Verify & export")).click();
        browser.visible(By.id("export-leaseId")).sendKeys(leaseId);
        new Select(browser.visible(By.id("export-format"))).selectByValue("csv");
        browser.driver().findElement(By.cssSelector("#export-form button[type=submit]")).click();

        String csv = Files.readString(browser.downloaded("events.csv"));
        assertThat(csv).contains(leaseId).contains("UsageRecordedEvent")
                .isEqualTo(api.get(AUDITOR, "/v1/exports/events?leaseId=" + leaseId, "text/csv").body());
    }

    @Test
    void anAuditorSeesHowFarTheVerificationGotAndWhereItEnded() {
        browser = Browser.open(port);
        browser.signIn(AUDITOR);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        browser.visible(By.linkText("Verify & export")).click();
        browser.visible(By.id("verify")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("verify-result")));
        browser.await(ExpectedConditions.textMatches(By.id("verify-progress"), Pattern.compile("\\d+ of \\d+ events checked")));
        Matcher progress = Pattern.compile("(\\d+) of (\\d+) events checked \\(100%\\)")
                .matcher(browser.visible(By.id("verify-progress")).getText());
        assertThat(progress.find()).as(browser.visible(By.id("verify-progress")).getText()).isTrue();
        assertThat(progress.group(1)).isEqualTo(progress.group(2));
        browser.screenshot("auditor-verify-progress");
    }
}
