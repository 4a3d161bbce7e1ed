package io.gpuledger.journal.web;

import static io.gpuledger.auth.Role.AUDITOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.journal.JournalEntry;
import io.gpuledger.journal.JournalViews.AccountBalance;
import io.gpuledger.journal.JournalViews;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
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

    static final int DEFAULT_LIMIT = 100;

    private final JournalViews journal;
    private final Cursors cursors;

    AccountsController(JournalViews journal, Cursors cursors) {
        this.journal = journal;
        this.cursors = cursors;
    }

    @GetMapping
    @Operation(operationId = "listAccounts", summary = "The journal's accounts in name order")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR})
    AccountsJson accounts(Caller caller, @RequestParam(required = false) String limit,
                          @RequestParam(required = false) String cursor) {
        caller.requireRole(AUDITOR);
        List<String> list = List.of("GET /v1/accounts", caller.idempotencyScope());
        PageRequest request = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        Page<AccountBalance> page = cursors.page(journal.accounts(request.after(), request.fetch()), request,
                a -> a.account().name(), list);
        return new AccountsJson(page.items().stream().map(a -> new AccountsJson.Item(a.account().name(),
                a.account().kind().name(), a.balanceUnits().toString())).toList(), page.nextCursor(),
                journal.totalUnits().toString());
    }

    @GetMapping("/{account}/entries")
    @Operation(operationId = "listEntries", summary = "An account's entries in the order posted")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR, RejectionCode.ACCOUNT_NOT_FOUND})
    EntriesJson entries(Caller caller, @PathVariable String account, @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        caller.requireRole(AUDITOR);
        return entriesOf(caller, account, limit, cursor);
    }

    @GetMapping("/{prefix}/{party}/entries")
    @Operation(operationId = "listPartyEntries", summary = "A tenant's account's entries (a name with a slash)")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR, RejectionCode.ACCOUNT_NOT_FOUND})
    EntriesJson entries(Caller caller, @PathVariable String prefix, @PathVariable String party,
                        @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        caller.requireRole(AUDITOR);
        return entriesOf(caller, prefix + "/" + party, limit, cursor);
    }

    private EntriesJson entriesOf(Caller caller, String name, String limit, String cursor) {
        List<String> list = List.of("GET /v1/accounts/{account}/entries", caller.idempotencyScope(), name);
        PageRequest request = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        long afterIndex = -1;
        int afterLine = -1;
        if (request.after() != null) {
            String[] at = request.after().split(":", 2);
            try {
                afterIndex = Long.parseLong(at[0]);
                afterLine = Integer.parseInt(at[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw Cursors.invalidCursor();
            }
        }
        AccountBalance account = journal.account(name).orElseThrow(() ->
                new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "no account " + name + " in the journal"));
        Page<JournalEntry> page = cursors.page(journal.entries(account.account(), afterIndex, afterLine,
                request.fetch()), request, e -> e.globalIndex() + ":" + e.line(), list);
        return new EntriesJson(account.account().name(), account.account().kind().name(),
                account.balanceUnits().toString(), page.items().stream().map(e -> new EntriesJson.Item(
                e.amountUnits().toString(), e.globalIndex(), e.eventId(), e.eventType())).toList(), page.nextCursor());
    }
}
