package io.gpuledger.platform;

/** CSV cells as RFC 4180 writes them, with spreadsheet formulas defused (docs/SECURITY.md). */
public final class Csv {

    private Csv() {
    }

    /** Quotes a cell when it holds a quote, comma or line break; a leading =, +, - or @ gets a '. */
    public static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches(".*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
