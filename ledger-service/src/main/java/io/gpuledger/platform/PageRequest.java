package io.gpuledger.platform;

/**
 * A request for one page of a list route: at most {@code limit} items, after the position the cursor
 * of the page before ended at ({@code null} for the first page). Read by {@link Cursors#request}.
 */
public record PageRequest(int limit, String after) {

    /** The rows a route fetches for this page: one more than it shows, to learn whether a next page exists. */
    public int fetch() {
        return limit + 1;
    }

    /** The position as the number a route's pages end at, or {@code first} for the first page. */
    public long afterNumber(long first) {
        if (after == null) {
            return first;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw Cursors.invalidCursor();
        }
    }
}
