package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static io.gpuledger.support.TestKeys.PROVIDER;
import static io.gpuledger.support.TestKeys.PROVIDER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Browser;
import io.gpuledger.support.SettlementIT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.web3j.crypto.Hash;

/**
 * The console on a ledger that settles on a real anvil: an epoch anchored and paid, then checked in
 * the browser by an auditor (the event's root against the anchoring transaction's calldata), seen by
 * an operator (its steps and transactions) and by the paid provider.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSettlementIT extends SettlementIT {

    private Browser browser;
    // One epoch settled for the class (its context and chain are the class's own), seen by each test.
    private static String leaseId;
    private static long epoch;
    private static JsonNode paid;

    @BeforeEach
    void settleAnEpochOnce() {
        if (leaseId != null) {
            return;
        }
        leaseId = openLease(MARKETPLACE_A, PROVIDER_ADDRESS);
        usage(MARKETPLACE_A, leaseId, "r-1", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z", 28_800);
        epoch = closeEpoch();
        assertThat(push(epoch).status()).isEqualTo(202);
        paid = awaitStatus(epoch, "PAID");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAuditorChecksAnEventsProofAgainstTheAnchoringTransaction() {
        browser = Browser.open(port);
        browser.signIn(AUDITOR);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        browser.go("/console/lease.html?lease=" + leaseId + "&marketplace=" + MKT_A);
        browser.visible(By.cssSelector("#lease-history a[href^='proof.html']")).click();

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("anchor-check"), "matches"));
        assertThat(browser.visible(By.id("proof-verdict")).getText()).startsWith("VALID");
        assertThat(browser.visible(By.id("proof-result")).getText())
                .contains(paid.path("anchorTxHash").asText())
                .contains("anchorEpoch(uint64,bytes32,bytes32,uint256)")
                .contains("and that root is the one anchored on-chain");
        browser.screenshot("auditor-proof-anchored");
    }

    @Test
    void anOperatorSeesThePaidEpochsStepsWithTheirTransactions() {
        browser = Browser.open(port);
        browser.signIn(OPERATOR);
        browser.await(ExpectedConditions.urlContains("/console/epochs.html"));
        browser.visible(By.linkText(Long.toString(epoch))).click();

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("epoch-summary"), "PAID"));
        String steps = browser.visible(By.id("epoch-steps")).getText();
        for (JsonNode step : paid.path("steps")) {
            assertThat(steps).contains(step.path("step").asText()).contains(step.path("txHash").asText());
        }
        assertThat(browser.visible(By.id("epoch-payouts")).getText()).contains("CONFIRMED");
        browser.screenshot("operator-epoch-paid");
    }

    @Test
    void aProviderSeesItsPaidPayoutWithItsProof() {
        browser = Browser.open(port);
        browser.signIn(PROVIDER);
        browser.await(ExpectedConditions.urlContains("/console/payouts.html"));
        browser.visible(By.cssSelector("button[data-epoch='" + epoch + "']")).click();

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("root-check"), "matches"));
        assertThat(browser.visible(By.id("payout-list")).getText()).contains("CONFIRMED");
        assertThat(browser.visible(By.id("claim-call")).getText())
                .contains(contracts.distributor().getContractAddress());
        browser.screenshot("provider-payout-paid");
    }

    @Test
    void anAuditorVerifiesTheLedgerInThePage() {
        browser = Browser.open(port);
        browser.signIn(AUDITOR);
        browser.await(ExpectedConditions.urlContains("/console/leases.html"));
        browser.visible(By.linkText("Verify & export")).click();
        browser.visible(By.id("verify")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "VALID"));
        assertThat(browser.visible(By.id("verification")).getText()).contains("epochsChecked").doesNotContain("INVALID");
        browser.screenshot("auditor-verify");
    }

    /** Last: it leaves an epoch whose anchor step failed, which the other tests need not meet. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anOperatorSeesAFailedStepWithItsReason() throws Exception {
        long failing = closeEpoch();
        byte[] foreignRoot = Hash.sha3("another ledger".getBytes(StandardCharsets.UTF_8));
        contracts.anchor().anchorEpoch(BigInteger.valueOf(failing), foreignRoot, foreignRoot, BigInteger.ZERO).send();
        assertThat(anchor(failing).status()).isEqualTo(202);
        await().atMost(patience()).until(() -> epoch(failing).path("steps").path(0).path("status").asText().equals("FAILED"));

        browser = Browser.open(port);
        browser.signIn(OPERATOR);
        browser.await(ExpectedConditions.urlContains("/console/epochs.html"));
        browser.go("/console/epoch.html?epoch=" + failing);
        String reason = "REVERTED: EpochAlreadyAnchored(" + failing + ")";
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#epoch-steps .alert"), reason));
        assertThat(browser.visible(By.id("epoch-steps")).getText()).contains("FAILED").contains("anchor-epoch-" + failing);
        browser.visible(By.cssSelector("#epoch-steps button.secondary")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("epoch-intent"), "REVERTED"));
        browser.screenshot("operator-failed-step");
    }
}
