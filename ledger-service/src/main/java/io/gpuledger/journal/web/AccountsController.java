package io.gpuledger.journal.web;

import static io.gpuledger.auth.Role.AUDITOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.journal.JournalEntry;
import io.gpuledger.journal.JournalViews;
import io.gpuledger.journal.JournalViews.AccountBalance;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journal's accounts and their entries, for auditors. Names with a slash ({@code tenant:mkt/t-1})
 * are written in the path as they are, over two segments.
 */
@RestController
@RequestMapping(path = "/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountsController {

    private final JournalViews journal;

    AccountsController(JournalViews journal) {
        this.journal = journal;
    }

    @GetMapping
    AccountsJson accounts(Caller caller, @RequestParam(required = false) String limit,
                          @RequestParam(required = false) String cursor) {
        caller.requireRole(AUDITOR);
        Page page = Page.of(limit, cursor);
        List<AccountBalance> accounts = journal.accounts(page.after(), page.limit() + 1);
        List<AccountBalance> shown = accounts.subList(0, Math.min(page.limit(), accounts.size()));
        String next = accounts.size() > page.limit() ? Page.cursor(shown.get(shown.size() - 1).account().name()) : null;
        return new AccountsJson(shown.stream().map(a -> new AccountsJson.Item(a.account().name(),
                a.account().kind().name(), a.balanceUnits().toString())).toList(), next,
                journal.totalUnits().toString());
    }

    @GetMapping("/{account}/entries")
    EntriesJson entries(Caller caller, @PathVariable String account, @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        caller.requireRole(AUDITOR);
        return entriesOf(account, Page.of(limit, cursor));
    }

    @GetMapping("/{prefix}/{party}/entries")
    EntriesJson entries(Caller caller, @PathVariable String prefix, @PathVariable String party,
                        @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        caller.requireRole(AUDITOR);
        return entriesOf(prefix + "/" + party, Page.of(limit, cursor));
    }

    private EntriesJson entriesOf(String name, Page page) {
        long afterIndex = -1;
        int afterLine = -1;
        if (page.after() != null) {
            String[] at = page.after().split(":", 2);
            try {
                afterIndex = Long.parseLong(at[0]);
                afterLine = Integer.parseInt(at[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw Page.invalid("cursor", "must be the nextCursor of an earlier page");
            }
        }
        AccountBalance account = journal.account(name).orElseThrow(() ->
                new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "no account " + name + " in the journal"));
        List<JournalEntry> entries = journal.entries(account.account(), afterIndex, afterLine, page.limit() + 1);
        List<JournalEntry> shown = entries.subList(0, Math.min(page.limit(), entries.size()));
        JournalEntry last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        String next = entries.size() > page.limit() ? Page.cursor(last.globalIndex() + ":" + last.line()) : null;
        return new EntriesJson(account.account().name(), account.account().kind().name(),
                account.balanceUnits().toString(), shown.stream().map(e -> new EntriesJson.Item(
                e.amountUnits().toString(), e.globalIndex(), e.eventId(), e.eventType())).toList(), next);
    }
}
