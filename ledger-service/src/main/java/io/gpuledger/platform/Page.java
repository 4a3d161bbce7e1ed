package io.gpuledger.platform;

import java.util.List;

/** One page of a list route's items, and the cursor to the next page ({@code null} after the last). */
public record Page<T>(List<T> items, String nextCursor) {
}
