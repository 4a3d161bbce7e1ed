package io.gpuledger.account;

import static io.gpuledger.common.RejectionCode.DEPOSIT_CONFLICT;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.DepositResult;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.HeldCharge;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.LeaseCharge;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.account.api.TenantAccountKey;
import io.gpuledger.account.api.TenantBalance;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.common.LedgerRejection;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant's balance in its marketplace. It owns the balance so that every draw on it is decided
 * under one lock: two requests on two prepaid leases of one tenant load this aggregate in turn, and
 * the second sees what the first drew (across instances, the event store's sequence refuses the stale one).
 */
@Aggregate(cache = "aggregateCache")
public class TenantAccount {

    @AggregateIdentifier
    private String accountKey;
    private String marketplaceId;
    private String tenantId;
    private final Map<String, DepositRecordedEvent> deposits = new HashMap<>();
    private BigInteger depositsUnits = BigInteger.ZERO;
    private BigInteger creditsUnits = BigInteger.ZERO;
    private BigInteger chargesUnits = BigInteger.ZERO;
    private final ArrayDeque<HeldCharge> held = new ArrayDeque<>();
    private BigInteger heldUnits = BigInteger.ZERO;

    protected TenantAccount() {
    }

    /**
     * An account with no history, for a first draw: it knows whose it is, and nothing else. Axon
     * caches an aggregate by its identifier even when the unit of work applied no event to it.
     */
    public static TenantAccount empty(String marketplaceId, String tenantId) {
        TenantAccount account = new TenantAccount();
        account.accountKey = TenantAccountKey.of(marketplaceId, tenantId);
        account.marketplaceId = marketplaceId;
        account.tenantId = tenantId;
        return account;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public DepositResult handle(RecordDepositCommand command) {
        DepositRecordedEvent earlier = deposits.get(command.depositId());
        if (earlier != null) {
            if (earlier.kind() == command.kind() && earlier.amountUnits().equals(command.amountUnits())) {
                return new DepositResult(true, balance());
            }
            throw new LedgerRejection(DEPOSIT_CONFLICT, "depositId",
                    "depositId " + command.depositId() + " was recorded with another kind or amount");
        }
        if (command.amountUnits().signum() <= 0) {
            throw new LedgerRejection(VALIDATION_FAILED, "amountUnits", "amountUnits must be positive");
        }
        apply(new DepositRecordedEvent(command.marketplaceId(), command.tenantId(), command.depositId(),
                command.kind(), command.amountUnits()));
        List<HeldCharge> releasable = releasable();
        if (!releasable.isEmpty()) {
            apply(new HeldChargesReleasedEvent(marketplaceId, tenantId, releasable));
        }
        return new DepositResult(false, balance());
    }

    /**
     * Held charges released whole, oldest first, for as long as the charges still held are at least
     * the overdrawn amount: a balance at zero or above releases them all.
     */
    private List<HeldCharge> releasable() {
        BigInteger overdrawn = balance().overdrawnUnits();
        BigInteger stillHeld = heldUnits;
        List<HeldCharge> released = new ArrayList<>();
        for (HeldCharge charge : held) {
            BigInteger after = stillHeld.subtract(charge.chargedUnits());
            if (after.compareTo(overdrawn) < 0) {
                break;
            }
            released.add(charge);
            stillHeld = after;
        }
        return released;
    }

    public TenantBalance balance() {
        return new TenantBalance(depositsUnits, creditsUnits, chargesUnits, heldUnits);
    }

    /** The balance as one request's prepaid leases draw on it, before their draws are recorded. */
    public TenantDraws draws() {
        return new TenantDraws(balance().balanceUnits());
    }

    /** Records a request's draws, if it made any; what they gave back may release held charges. */
    public void record(TenantDraws draws) {
        if (draws.charges().isEmpty()) {
            return;
        }
        apply(new TenantChargedEvent(marketplaceId, tenantId, draws.charges()));
        List<HeldCharge> releasable = releasable();
        if (!releasable.isEmpty()) {
            apply(new HeldChargesReleasedEvent(marketplaceId, tenantId, releasable));
        }
    }

    @EventSourcingHandler
    void on(DepositRecordedEvent event) {
        identify(event.marketplaceId(), event.tenantId());
        deposits.put(event.depositId(), event);
        if (event.kind() == FundingKind.CREDIT) {
            creditsUnits = creditsUnits.add(event.amountUnits());
        } else {
            depositsUnits = depositsUnits.add(event.amountUnits());
        }
    }

    @EventSourcingHandler
    void on(TenantChargedEvent event) {
        identify(event.marketplaceId(), event.tenantId());
        for (LeaseCharge charge : event.charges()) {
            chargesUnits = chargesUnits.add(charge.chargedUnits());
            if (charge.held()) {
                held.addLast(new HeldCharge(charge.leaseId(), charge.chargedUnits(), charge.feeUnits(),
                        charge.providerUnits()));
                heldUnits = heldUnits.add(charge.chargedUnits());
            }
        }
    }

    @EventSourcingHandler
    void on(HeldChargesReleasedEvent event) {
        for (HeldCharge released : event.released()) {
            held.removeFirst();
            heldUnits = heldUnits.subtract(released.chargedUnits());
        }
    }

    private void identify(String marketplace, String tenant) {
        accountKey = TenantAccountKey.of(marketplace, tenant);
        marketplaceId = marketplace;
        tenantId = tenant;
    }
}
