package io.gpuledger.support;

/** The API keys every integration test's ledger is started with. */
public final class TestKeys {

    public static final String MARKETPLACE_A = "test-key-marketplace-a-0001";
    public static final String MARKETPLACE_B = "test-key-marketplace-b-0001";
    public static final String AUDITOR = "test-key-auditor-00000001";
    public static final String OPERATOR = "test-key-operator-0000001";
    public static final String PROVIDER = "test-key-provider-0000001";
    /** The payout address of {@link #PROVIDER}, given in lower case as a deployment may write it. */
    public static final String PROVIDER_ADDRESS = "0x8ba1f109551bd432803012645ac136ddd64dba72";
    public static final String MKT_A = "mkt-a";
    public static final String MKT_B = "mkt-b";

    public static final String BOOTSTRAP = String.join(",",
            MARKETPLACE_A + ":" + MKT_A + ":MARKETPLACE",
            MARKETPLACE_B + ":" + MKT_B + ":MARKETPLACE",
            AUDITOR + ":*:AUDITOR",
            OPERATOR + ":*:OPERATOR",
            PROVIDER + ":" + PROVIDER_ADDRESS + ":PROVIDER");

    /**
     * The ledger's event key in this test JVM, random for each run: every ledger of the run (in this
     * JVM, and the processes it starts) authenticates its events with it, since they share databases.
     */
    public static final String EVENT_HMAC_KEY = java.util.HexFormat.of().formatHex(randomBytes(32));

    private TestKeys() {
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
