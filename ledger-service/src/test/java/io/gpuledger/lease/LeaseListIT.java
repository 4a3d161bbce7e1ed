package io.gpuledger.lease;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.MKT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /v1/leases: filters, pages in the order leases were opened, and refuses cursors it did not hand out. */
class LeaseListIT extends LedgerIT {

    private String providerId;
    private final List<String> opened = new ArrayList<>();

    /** Five leases of one provider in marketplace A (the third closed), one of the same provider id in B. */
    @BeforeEach
    void openLeasesOfOneProvider() {
        providerId = Leases.uniqueId("list-prov");
        for (int i = 0; i < 5; i++) {
            String leaseId = Leases.uniqueId("list");
            open(MARKETPLACE_A, leaseId, i % 2 == 0 ? "tenant-even" : "tenant-odd");
            opened.add(leaseId);
        }
        Response closed = api.post(MARKETPLACE_A, "/v1/leases/" + opened.get(2) + "/close",
                Leases.close("TENANT_ENDED", "2026-11-02T00:00:00Z"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        open(MARKETPLACE_B, Leases.uniqueId("list-b"), "tenant-even");
        await().untilAsserted(() -> {
            assertThat(leaseIds(pages(AUDITOR, "providerId=" + providerId, 100))).hasSize(6);
            assertThat(leaseIds(pages(AUDITOR, "providerId=" + providerId + "&state=CLOSED", 100))).hasSize(1);
        });
    }

    @Test
    void aMarketplacePagesThroughItsOwnLeasesEachOnceInOneStableOrder() {
        List<JsonNode> pages = pages(MARKETPLACE_A, "providerId=" + providerId, 2);

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).path("items")).hasSize(2);
        assertThat(pages.get(2).path("nextCursor").isNull()).isTrue();
        assertThat(leaseIds(pages)).containsExactlyInAnyOrderElementsOf(opened)
                .containsExactlyElementsOf(leaseIds(pages(MARKETPLACE_A, "providerId=" + providerId, 100)));
    }

    @Test
    void itemsAreTheLeasesAsTheirOwnRouteShowsThem() {
        JsonNode first = pages(MARKETPLACE_A, "providerId=" + providerId, 100).get(0).path("items").get(0);

        assertThat(first).isEqualTo(api.get(MARKETPLACE_A, "/v1/leases/" + opened.get(0)).json());
    }

    @Test
    void filtersByStateProviderAndTenant() {
        assertThat(leaseIds(pages(MARKETPLACE_A, "providerId=" + providerId + "&state=CLOSED", 100)))
                .containsExactly(opened.get(2));
        assertThat(leaseIds(pages(MARKETPLACE_A, "providerId=" + providerId + "&state=ACTIVE", 100)))
                .containsExactlyInAnyOrder(opened.get(0), opened.get(1), opened.get(3), opened.get(4));
        assertThat(leaseIds(pages(MARKETPLACE_A, "providerId=" + providerId + "&tenantId=tenant-odd", 1)))
                .containsExactlyInAnyOrder(opened.get(1), opened.get(3));
    }

    @Test
    void aMarketplaceSeesOnlyItsOwnAndAnAuditorSeesAllOrTheMarketplaceItNames() {
        assertThat(marketplaces(pages(MARKETPLACE_B, "providerId=" + providerId + "&marketplaceId=" + MKT_A, 100)))
                .containsExactly(MKT_B);
        assertThat(marketplaces(pages(AUDITOR, "providerId=" + providerId, 4)))
                .containsExactlyInAnyOrder(MKT_A, MKT_A, MKT_A, MKT_A, MKT_A, MKT_B);
        assertThat(leaseIds(pages(AUDITOR, "providerId=" + providerId + "&marketplaceId=" + MKT_A, 4)))
                .containsExactlyInAnyOrderElementsOf(opened);
    }

    @Test
    void refusesACursorItDidNotHandOutForThisList() {
        String cursor = api.get(MARKETPLACE_A, "/v1/leases?limit=1&providerId=" + providerId).json()
                .path("nextCursor").asText();
        int middle = cursor.length() / 2;
        String tampered = cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A')
                + cursor.substring(middle + 1);

        for (Response refused : List.of(
                api.get(MARKETPLACE_A, "/v1/leases?cursor=not*base64"),
                api.get(MARKETPLACE_A, "/v1/leases?providerId=" + providerId + "&cursor=" + tampered),
                api.get(MARKETPLACE_A, "/v1/leases?providerId=" + providerId + "&cursor=AQ"),
                api.get(MARKETPLACE_A, "/v1/leases?providerId=other-provider&cursor=" + cursor),
                api.get(MARKETPLACE_A, "/v1/leases?providerId=" + providerId + "&state=ACTIVE&cursor=" + cursor),
                api.get(MARKETPLACE_B, "/v1/leases?providerId=" + providerId + "&cursor=" + cursor),
                api.get(AUDITOR, "/v1/leases?providerId=" + providerId + "&cursor=" + cursor))) {
            assertProblem(refused, 400, "INVALID_CURSOR");
            assertThat(errorFields(refused)).containsExactly("cursor");
        }
        assertThat(api.get(MARKETPLACE_A, "/v1/leases?providerId=" + providerId + "&cursor=" + cursor).status())
                .isEqualTo(200);
    }

    @Test
    void refusesBadLimitsAndFilters() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten")) {
            Response refused = api.get(MARKETPLACE_A, "/v1/leases?" + query);
            assertProblem(refused, 400, "VALIDATION_FAILED");
            assertThat(errorFields(refused)).containsExactly("limit");
        }
        Response refused = api.get(AUDITOR, "/v1/leases?state=OPEN&tenantId=-x&marketplaceId=a%20b");
        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(errorFields(refused)).containsExactlyInAnyOrder("state", "tenantId", "marketplaceId");
    }

    private void open(String key, String leaseId, String tenantId) {
        Response response = api.post(key, "/v1/leases", Leases.open(leaseId, providerId, tenantId, 8, "2100000", 500,
                "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private List<JsonNode> pages(String key, String query, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(key, "/v1/leases?" + query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            pages.add(page.json());
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
        } while (cursor != null);
        return pages;
    }

    private static List<String> leaseIds(List<JsonNode> pages) {
        return items(pages, "leaseId");
    }

    private static List<String> marketplaces(List<JsonNode> pages) {
        return items(pages, "marketplaceId");
    }

    private static List<String> items(List<JsonNode> pages, String field) {
        List<String> values = new ArrayList<>();
        pages.forEach(page -> page.path("items").forEach(item -> values.add(item.path(field).asText())));
        return values;
    }
}
