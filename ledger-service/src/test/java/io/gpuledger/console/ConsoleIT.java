package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static io.gpuledger.support.TestKeys.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The console's files, its headers and its sign-in, in headless Chromium against the whole ledger. */
class ConsoleIT extends ConsoleBrowserIT {

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

    /** Each role's pages, as its bar links them; every other page says the role may not see it. */
    private static final Map<String, List<String>> PAGES = Map.of(
            "MARKETPLACE", List.of("leases.html", "statements.html", "proof.html"),
            "AUDITOR", List.of("leases.html", "epochs.html", "proof.html", "verify.html"),
            "OPERATOR", List.of("epochs.html", "operations.html", "keys.html"),
            "PROVIDER", List.of("payouts.html"));
    private static final Map<String, String> KEYS = Map.of("MARKETPLACE", MARKETPLACE_A, "AUDITOR", AUDITOR,
            "OPERATOR", OPERATOR, "PROVIDER", PROVIDER);

    @Test
    void eachRoleSeesItsOwnPagesAndIsToldItMayNotSeeTheOthers() {
        List<String> every = PAGES.values().stream().flatMap(List::stream).distinct().sorted().toList();
        browser = Browser.open(port);
        for (Map.Entry<String, List<String>> role : PAGES.entrySet()) {
            browser.signIn(KEYS.get(role.getKey()));
            browser.await(ExpectedConditions.urlContains("/console/" + role.getValue().get(0)));
            List<String> linked = browser.driver().findElements(By.cssSelector("header nav a")).stream()
                    .map(a -> a.getAttribute("href").replaceAll(".*/", "")).toList();
            assertThat(linked).as(role.getKey()).containsExactlyInAnyOrderElementsOf(role.getValue());
            for (String page : every) {
                browser.go("/console/" + page);
                String main = browser.await(d -> {
                    String text = d.findElement(By.id("main")).getText();
                    return text.isBlank() ? null : text;
                });
                assertThat(main.contains("A " + role.getKey() + " key may not see this page"))
                        .as(role.getKey() + " on " + page).isEqualTo(!role.getValue().contains(page));
            }
        }
    }
}
