package io.gpuledger.journal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the journal: accounts in name order, an account's entries in the order they were posted. */
@Component
public class JournalViews {

    /** An account and its balance, the sum of its entries. */
    public record AccountBalance(JournalAccount account, BigInteger balanceUnits) {
    }

    private final JdbcTemplate jdbc;

    JournalViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} accounts named after {@code after} (from the first when null). */
    public List<AccountBalance> accounts(String after, int limit) {
        return jdbc.query("""
                SELECT account, kind, balance_units FROM journal_balance WHERE account > ? ORDER BY account LIMIT ?
                """, (rs, row) -> new AccountBalance(new JournalAccount(rs.getString(1), AccountKind.valueOf(rs.getString(2))),
                rs.getBigDecimal(3).toBigIntegerExact()), after == null ? "" : after, limit);
    }

    public Optional<AccountBalance> account(String name) {
        return jdbc.query("SELECT account, kind, balance_units FROM journal_balance WHERE account = ?",
                (rs, row) -> new AccountBalance(new JournalAccount(rs.getString(1), AccountKind.valueOf(rs.getString(2))),
                        rs.getBigDecimal(3).toBigIntegerExact()), name).stream().findFirst();
    }

    /** The sum of every balance: zero while the journal holds. */
    public BigInteger totalUnits() {
        BigDecimal total = jdbc.queryForObject("SELECT COALESCE(sum(balance_units), 0) FROM journal_balance",
                BigDecimal.class);
        return total.toBigIntegerExact();
    }

    /** Up to {@code limit} of the account's entries after the entry at ({@code afterIndex}, {@code afterLine}). */
    public List<JournalEntry> entries(JournalAccount account, long afterIndex, int afterLine, int limit) {
        return jdbc.query("""
                SELECT global_index, line, event_id, event_type, amount_units FROM journal_entry
                WHERE account = ? AND (global_index, line) > (?, ?) ORDER BY global_index, line LIMIT ?
                """, (rs, row) -> new JournalEntry(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                account, rs.getBigDecimal(5).toBigIntegerExact()), account.name(), afterIndex, afterLine, limit);
    }
}
