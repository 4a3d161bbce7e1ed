package io.gpuledger.chain;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ledger the other tests run: no chain configured. It starts, and chain routes say why they cannot answer. */
class ChainDisabledIT extends LedgerIT {

    @Autowired
    ChainGateway gateway;
    @Autowired
    ChainWorker worker;

    @Test
    void chainRoutesAnswer503WithoutAChain() {
        Response chain = api.get(MARKETPLACE_A, "/v1/settlement/chain");

        assertThat(chain.status()).as(chain.toString()).isEqualTo(503);
        assertThat(chain.contentType()).startsWith("application/problem+json");
        assertThat(chain.code()).isEqualTo("CHAIN_NOT_CONFIGURED");
        assertThat(api.get(OPERATOR, "/v1/settlement/chain/intents/any").code()).isEqualTo("CHAIN_NOT_CONFIGURED");
    }

    @Test
    void settlementOnChainAnswers503AndRecordsNothingWithoutAChain() {
        Response anchor = api.post(OPERATOR, "/v1/settlement/epochs/1/anchor", "no-chain-anchor", "{}");
        assertThat(anchor.status()).as(anchor.toString()).isEqualTo(503);
        assertThat(anchor.code()).isEqualTo("CHAIN_NOT_CONFIGURED");
        assertThat(api.post(OPERATOR, "/v1/settlement/epochs/1/payouts:push", "{}").code()).isEqualTo("CHAIN_NOT_CONFIGURED");
        assertThat(api.get(OPERATOR, "/v1/settlement/reconciliation").code()).isEqualTo("CHAIN_NOT_CONFIGURED");
        // The rejected request left its Idempotency-Key unused: the same key with another body is not a reuse.
        assertThat(api.post(OPERATOR, "/v1/settlement/epochs/1/anchor", "no-chain-anchor", "").code())
                .isEqualTo("CHAIN_NOT_CONFIGURED");
    }

    @Test
    void theGatewayRefusesAndTheWorkerStaysIdle() {
        assertThat(gateway.enabled()).isFalse();
        assertThat(worker.isRunning()).isFalse();
        assertThatThrownBy(() -> gateway.submit("x", "0x0000000000000000000000000000000000000001", BigInteger.ONE, "0x",
                BigInteger.valueOf(21_000))).isInstanceOf(ChainNotConfigured.class);
    }
}
