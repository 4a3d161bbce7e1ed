package io.gpuledger.support;

import static io.gpuledger.support.TestKeys.OPERATOR;

import com.fasterxml.jackson.databind.JsonNode;

/** One address's line of an epoch's payouts, as an operator reads them: its payout, or what it carries on. */
public final class EpochLines {

    private EpochLines() {
    }

    /** The amount the epoch pays {@code address}, or null when it pays it nothing. */
    public static String payoutOf(Api api, long epoch, String address) {
        return lineOf(api, epoch, "payouts", address, "amountUnits");
    }

    /** The negative amount {@code address} carries out of the epoch, or null when it carries none. */
    public static String carriedOf(Api api, long epoch, String address) {
        return lineOf(api, epoch, "carried", address, "carriedUnits");
    }

    private static String lineOf(Api api, long epoch, String list, String address, String amount) {
        for (JsonNode line : api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts").json().path(list)) {
            if (line.path("account").asText().equals(address)) {
                return line.path(amount).asText();
            }
        }
        return null;
    }
}
