package io.gpuledger.chain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.contracts.generated.SettlementToken;
import io.gpuledger.support.Anvil;
import io.gpuledger.support.SettlementContracts;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class SettlementTokenIT {

    private static Anvil anvil;
    private static SettlementContracts chain;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        chain = SettlementContracts.deploy(anvil);
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    @Test
    void countsInSixDecimals() throws Exception {
        assertThat(chain.token().decimals().send()).isEqualTo(BigInteger.valueOf(6));
    }

    @Test
    void ownerMints() throws Exception {
        Credentials holder = anvil.fundedAccount(1);

        chain.token().mint(holder.getAddress(), BigInteger.valueOf(1_250_000)).send();

        assertThat(chain.balanceOf(holder.getAddress())).isEqualTo(BigInteger.valueOf(1_250_000));
    }

    @Test
    void nobodyElseMints() {
        Credentials stranger = anvil.fundedAccount(1);
        SettlementToken asStranger = chain.tokenAs(stranger);

        String error = chain.revertOf(stranger, asStranger, asStranger.mint(stranger.getAddress(), BigInteger.TEN));

        assertThat(error).isEqualTo("OwnableUnauthorizedAccount");
        assertThat(chain.balanceOf(stranger.getAddress())).isZero();
    }
}
