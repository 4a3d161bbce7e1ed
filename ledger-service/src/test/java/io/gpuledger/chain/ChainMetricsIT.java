package io.gpuledger.chain;

import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.ChainIT;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** With a chain, the scrape holds the signer's balance for gas, as the node reports it. */
class ChainMetricsIT extends ChainIT {

    private static final Pattern BALANCE = Pattern.compile("(?m)^ledger_chain_signer_balance_wei\\{[^}]*} (\\S+)$");

    @Test
    void theSignersGasBalanceIsAGaugeReadFromTheNode() throws Exception {
        BigDecimal onChain = new BigDecimal(anvil.web3j().ethGetBalance(signer.getAddress(),
                DefaultBlockParameterName.LATEST).send().getBalance());
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Matcher gauge = BALANCE.matcher(api.get(OPERATOR, "/actuator/prometheus", "text/plain").body());
            assertThat(gauge.find()).as("the gauge is in the scrape").isTrue();
            // A gauge is a double: equal to the wei to its 15 or so significant digits.
            assertThat(new BigDecimal(gauge.group(1)).subtract(onChain).abs())
                    .isLessThanOrEqualTo(onChain.movePointLeft(12));
            assertThat(onChain.signum()).isPositive();
        });
    }
}
