package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Browser;
import io.gpuledger.support.Leases;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** What an operator key sees and does in the console: epochs, lag, keys. */
class OperatorConsoleIT extends ConsoleBrowserIT {

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
    void anOperatorSeesEachProcessorsLagAndTheSealers() {
        browser = Browser.open(port);
        browser.signIn(OPERATOR);
        browser.await(ExpectedConditions.urlContains("/console/epochs.html"));
        browser.visible(By.linkText("Processors & reconciliation")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("processors"), "billing"));
        assertThat(browser.visible(By.id("processors")).getText()).contains("journal");
        assertThat(browser.visible(By.id("sealer-lag")).getText()).matches("[0-9]+|not measured yet");
        browser.visible(By.id("reconcile")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("reconciliation-result"), "CHAIN_NOT_CONFIGURED"));
        browser.screenshot("operator-operations");
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

    @Test
    void anOperatorCreatesAKeyWhichIsShownOnceAndWorks() {
        browser = Browser.open(port);
        browser.signIn(OPERATOR);
        browser.await(ExpectedConditions.urlContains("/console/epochs.html"));
        browser.visible(By.linkText("Keys")).click();
        browser.visible(By.id("key-marketplace")).sendKeys("mkt-console-new");
        new Select(browser.visible(By.id("key-role"))).selectByValue("MARKETPLACE");
        browser.visible(By.id("key-label")).sendKeys("made in the console");
        browser.driver().findElement(By.cssSelector("#key-form button[type=submit]")).click();

        String key = browser.visible(By.id("new-key")).getText();
        assertThat(api.get(key, "/v1/leases").status()).isEqualTo(200);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("key-list"), "made in the console"));
        assertThat(browser.visible(By.id("key-list")).getText()).doesNotContain(key);
        browser.go("/console/keys.html");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("key-list"), "made in the console"));
        assertThat(browser.driver().findElement(By.id("main")).getText()).doesNotContain(key);
    }
}
