package io.gpuledger.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.platform.Csv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Renders statements as CSV (RFC 4180) and JSON Lines, both from the JSON statement so the three
 * cannot drift apart. CSV: one row per lease, the nested amounts flattened ({@code voids.chargedUnits}
 * as {@code voidsChargedUnits}; a capacity lease's energy and capacity fee columns empty on other leases),
 * each followed by a row per correction it itemizes (the correction columns at the end, the lease's
 * amount cells empty), then a TOTAL row; a tenant's statement adds the
 * account columns and a row per account, whose lease cells are empty.
 */
@Component
class StatementFormats {

    private static final List<String> LEASE_COLUMNS = List.of("marketplaceId", "leaseId", "providerId", "tenantId",
            "gpuModel", "gpuSecondsRecorded", "chargedUnits", "feeUnits", "providerUnits", "energyChargedUnits",
            "energyFeeUnits", "energyProviderUnits", "capacityFeeChargedUnits", "capacityFeeFeeUnits",
            "capacityFeeProviderUnits", "voidsGpuSeconds", "voidsChargedUnits", "voidsFeeUnits", "voidsProviderUnits",
            "adjustmentsChargedUnits", "adjustmentsFeeUnits", "adjustmentsProviderUnits", "slaCreditsChargedUnits",
            "slaCreditsFeeUnits", "slaCreditsProviderUnits", "netGpuSeconds", "netChargedUnits", "netFeeUnits",
            "netProviderUnits");
    private static final List<String> ACCOUNT_COLUMNS = List.of("openingBalanceUnits", "depositsUnits",
            "creditsUnits", "chargesUnits", "heldUnits", "releasedUnits", "closingBalanceUnits");
    private static final List<String> CORRECTION_COLUMNS = List.of("correction", "correctionReportId",
            "correctionAdjustmentId", "correctionKind", "correctionReason", "correctionRecordedAt",
            "correctionPeriodStart", "correctionPeriodEnd", "correctionGpuSeconds", "correctionAmountUnits",
            "correctionChargedUnits", "correctionFeeUnits", "correctionProviderUnits");
    private static final ObjectMapper LINE_WRITER = new ObjectMapper();

    private final int tokenDecimals;

    StatementFormats(@Value("${ledger.token.decimals}") int tokenDecimals) {
        this.tokenDecimals = tokenDecimals;
    }

    int tokenDecimals() {
        return tokenDecimals;
    }

    /** JSON Lines: a line per lease as in the JSON statement's leases, then, for a tenant, a line per account. */
    String jsonLines(Statement statement) {
        StatementJson json = StatementJson.of(statement, tokenDecimals);
        List<Object> lines = new ArrayList<>(json.leases());
        if (json.accounts() != null) {
            lines.addAll(json.accounts());
        }
        StringBuilder text = new StringBuilder();
        for (Object line : lines) {
            try {
                text.append(LINE_WRITER.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.toString();
    }

    String csv(Statement statement) {
        StatementJson json = StatementJson.of(statement, tokenDecimals);
        boolean withAccounts = json.accounts() != null;
        List<String> header = new ArrayList<>(LEASE_COLUMNS);
        if (withAccounts) {
            header.addAll(ACCOUNT_COLUMNS);
        }
        header.addAll(CORRECTION_COLUMNS);
        StringBuilder csv = new StringBuilder();
        row(csv, header);
        for (StatementJson.Line l : json.leases()) {
            List<String> names = List.of(l.marketplaceId(), l.leaseId(), l.providerId(), l.tenantId(), l.gpuModel());
            Parts parts = new Parts(l.energy(), l.capacityFee(), l.voids(), l.adjustments(), l.slaCredits(), l.net());
            row(csv, leaseCells(names, l.gpuSecondsRecorded(), l.chargedUnits(), l.feeUnits(), l.providerUnits(),
                    parts, withAccounts));
            for (StatementJson.Correction c : l.corrections()) {
                row(csv, correctionCells(names, c, withAccounts));
            }
        }
        StatementJson.Totals t = json.totals();
        row(csv, leaseCells(List.of("TOTAL", "", "", "", ""), t.gpuSecondsRecorded(), t.chargedUnits(), t.feeUnits(),
                t.providerUnits(), new Parts(t.energy(), t.capacityFee(), t.voids(), t.adjustments(), t.slaCredits(),
                        t.net()), withAccounts));
        if (withAccounts) {
            for (StatementJson.Account a : json.accounts()) {
                List<String> cells = new ArrayList<>(List.of(Csv.cell(a.marketplaceId()), "", "", Csv.cell(a.tenantId())));
                cells.addAll(Collections.nCopies(LEASE_COLUMNS.size() - cells.size(), ""));
                cells.addAll(List.of(a.openingBalanceUnits(), a.depositsUnits(), a.creditsUnits(), a.chargesUnits(),
                        a.heldUnits(), a.releasedUnits(), a.closingBalanceUnits()));
                cells.addAll(Collections.nCopies(CORRECTION_COLUMNS.size(), ""));
                row(csv, cells);
            }
        }
        return csv.toString();
    }

    /** A lease row's parts after its recorded usage; energy and capacityFee null on leases of other kinds. */
    private record Parts(StatementJson.Amounts energy, StatementJson.Amounts capacityFee, StatementJson.Usage voids,
                         StatementJson.Amounts adjustments, StatementJson.Amounts slaCredits, StatementJson.Usage net) {
    }

    private static List<String> leaseCells(List<String> names, long gpuSeconds, String charged, String fee,
                                           String provider, Parts parts, boolean withAccounts) {
        List<String> cells = new ArrayList<>(names.stream().map(Csv::cell).toList());
        cells.addAll(List.of(Long.toString(gpuSeconds), charged, fee, provider));
        amounts(cells, parts.energy());
        amounts(cells, parts.capacityFee());
        cells.addAll(List.of(Long.toString(parts.voids().gpuSeconds()), parts.voids().chargedUnits(),
                parts.voids().feeUnits(), parts.voids().providerUnits()));
        amounts(cells, parts.adjustments());
        amounts(cells, parts.slaCredits());
        cells.addAll(List.of(Long.toString(parts.net().gpuSeconds()), parts.net().chargedUnits(),
                parts.net().feeUnits(), parts.net().providerUnits()));
        if (withAccounts) {
            cells.addAll(Collections.nCopies(ACCOUNT_COLUMNS.size(), ""));
        }
        cells.addAll(Collections.nCopies(CORRECTION_COLUMNS.size(), ""));
        return cells;
    }

    /** Three cells: charged, fee and provider units, or three empty cells for a part the lease has not. */
    private static void amounts(List<String> cells, StatementJson.Amounts amounts) {
        if (amounts == null) {
            cells.addAll(Collections.nCopies(3, ""));
        } else {
            cells.addAll(List.of(amounts.chargedUnits(), amounts.feeUnits(), amounts.providerUnits()));
        }
    }

    /** A correction's row: its lease's names, empty lease and account amounts, then the item. */
    private static List<String> correctionCells(List<String> names, StatementJson.Correction c, boolean withAccounts) {
        List<String> cells = new ArrayList<>(names.stream().map(Csv::cell).toList());
        cells.addAll(Collections.nCopies(LEASE_COLUMNS.size() - names.size(), ""));
        if (withAccounts) {
            cells.addAll(Collections.nCopies(ACCOUNT_COLUMNS.size(), ""));
        }
        cells.add(c.correction());
        for (String text : Arrays.asList(c.reportId(), c.adjustmentId(), c.kind(), c.reason())) {
            cells.add(text == null ? "" : Csv.cell(text));
        }
        for (Object value : Arrays.asList(c.recordedAt(), c.periodStart(), c.periodEnd(), c.gpuSeconds(),
                c.amountUnits(), c.chargedUnits(), c.feeUnits(), c.providerUnits())) {
            cells.add(value == null ? "" : value.toString());
        }
        return cells;
    }

    /** Cells already safe: identifiers passed through {@link Csv#cell}, amounts as they are (a leading minus is a sign). */
    private static void row(StringBuilder csv, List<String> cells) {
        csv.append(String.join(",", cells));
        csv.append("\r\n");
    }
}
