package io.gpuledger.escrow;

import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.chain.ChainLog;
import io.gpuledger.contracts.generated.PrepaidEscrow;
import java.math.BigInteger;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** One Deposited(bytes32 indexed account, address indexed from, uint256 amount) log of the escrow. */
record DepositedLog(byte[] account, String from, BigInteger amountUnits, long blockNumber, String txHash,
                    long logIndex) {

    static final String TOPIC = EventEncoder.encode(PrepaidEscrow.DEPOSITED_EVENT);

    static DepositedLog of(ChainLog log) {
        if (!TOPIC.equals(log.topic(0)) || log.topics().size() != 3) {
            throw new IllegalArgumentException("not a Deposited log: " + log.txHash() + ":" + log.logIndex());
        }
        String from = Keys.toChecksumAddress("0x" + Numeric.cleanHexPrefix(log.topic(2)).substring(24));
        return new DepositedLog(Numeric.hexStringToByteArray(log.topic(1)), from, Numeric.toBigInt(log.data()),
                log.blockNumber(), log.txHash(), log.logIndex());
    }

    /** The id the API contract gives the deposit: one per log, so recording it again changes nothing. */
    String depositId() {
        return RecordDepositCommand.CHAIN_PREFIX + txHash + ":" + logIndex;
    }

    String accountHex() {
        return Numeric.toHexString(account);
    }
}
