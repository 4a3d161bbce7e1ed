package io.gpuledger.console;

import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Browser;
import io.gpuledger.support.LedgerIT;
import org.junit.jupiter.api.AfterEach;

/** Base of the console's browser tests on the shared ledger: a browser per test, closed after it. */
abstract class ConsoleBrowserIT extends LedgerIT {

    protected Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    protected long closeEpoch() {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        await().until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch).status() == 200);
        return epoch;
    }
}
