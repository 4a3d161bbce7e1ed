package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.PROVIDER;
import static io.gpuledger.support.TestKeys.PROVIDER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Browser;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Proofs checked in the page: an auditor's event proof, a provider's payout proof and claim call. */
class ProofConsoleIT extends ConsoleBrowserIT {

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

        // The same check on a stored payload altered by one character (as a rewritten event would be) fails.
        browser.script("""
                const original = window.fetch;
                window.fetch = async (...args) => {
                  const response = await original(...args);
                  if (!String(args[0]).endsWith('/proof')) return response;
                  const body = await response.json();
                  body.event.payloadText = body.event.payloadText.replace('"gpuCount":8', '"gpuCount":9');
                  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
                };""");
        browser.driver().findElement(By.cssSelector("#main form button[type=submit]")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("proof-verdict"), "INVALID"));
        assertThat(browser.visible(By.id("hash-check")).getText()).contains("differs");
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
}
