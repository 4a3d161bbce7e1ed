package io.gpuledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.chain.SendOutcome.Kind;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendOutcomeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "already known                                                   | ACCEPTED",
            "transaction already imported                                    | ACCEPTED",
            "AlreadyKnown                                                    | ACCEPTED",
            "nonce too low                                                   | NONCE_TOO_LOW",
            "nonce too low: next nonce 5, tx nonce 4                         | NONCE_TOO_LOW",
            "replacement transaction underpriced                             | UNDERPRICED",
            "transaction underpriced                                         | UNDERPRICED",
            "intrinsic gas too low                                           | REJECTED",
            "intrinsic gas too high -- tx.gas_limit > env.block.gas_limit    | REJECTED",
            "exceeds block gas limit                                         | REJECTED",
            "invalid sender                                                  | REJECTED",
            "insufficient funds for gas * price + value                      | RETRY",
            "max fee per gas less than block base fee                        | RETRY",
            "something no node said before                                   | RETRY",
    })
    void sortsWhatNodesSay(String message, Kind expected) {
        assertThat(SendOutcome.fromError(message).kind()).isEqualTo(expected);
    }

    @Test
    void anUnreachableNodeIsRetriedAndTheMessageNamesOnlyTheFailureType() {
        SendOutcome outcome = SendOutcome.unreachable(new ConnectException("Failed to connect to node.example/10.0.0.1:8545"));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
        assertThat(outcome.message()).doesNotContain("node.example");
    }
}
