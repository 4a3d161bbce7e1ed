package io.gpuledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.gpuledger.support.StoredForms;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type is stored as pinned in {@code stored-events/<event>.json}: its payload_type, its
 * payload_revision and its JSON, byte for byte, and the pinned form reads back as the event. Event
 * hashes, seals and anchored roots cover those bytes and stored events are never rewritten, so a
 * change to one of these forms is a new revision with an upcaster (docs/ARCHITECTURE.md, "Adding a
 * field to an event"), reviewed in the diff of its pinned form; moving or renaming a class must
 * leave the forms as they are.
 */
class StoredEventFormsTest {

    private static final Serializer SERIALIZER = StoredForms.eventSerializer();

    static Stream<Named<Record>> events() {
        return StoredEventSamples.ALL.stream().map(event -> Named.of(event.getClass().getSimpleName(), event));
    }

    @ParameterizedTest(name = "{0} is stored under its pinned payload type and revision")
    @MethodSource("events")
    void isStoredUnderItsPinnedPayloadTypeAndRevision(Record event) {
        PinnedForm pinned = PinnedForm.of(event.getClass());

        SerializedObject<byte[]> stored = SERIALIZER.serialize(event, byte[].class);

        assertThat(stored.getType()).as(pinned.file()).isEqualTo(pinned.type());
        assertThat(SERIALIZER.typeForClass(event.getClass())).as(pinned.file()).isEqualTo(pinned.type());
        assertThat(SERIALIZER.classForType(pinned.type())).as(pinned.file()).isEqualTo(event.getClass());
    }

    @ParameterizedTest(name = "{0} is stored as its pinned JSON, byte for byte")
    @MethodSource("events")
    void isStoredAsItsPinnedJsonByteForByte(Record event) {
        PinnedForm pinned = PinnedForm.of(event.getClass());

        SerializedObject<byte[]> stored = SERIALIZER.serialize(event, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).as(pinned.file()).isEqualTo(pinned.payload());
        assertThat(stored.getData()).as(pinned.file()).isEqualTo(pinned.payload().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records compare field by field; every field of these events (strings, numbers, BigInteger,
     * Instant, enums, lists of records) compares by value, so equal means read exactly.
     */
    @ParameterizedTest(name = "{0} reads back from its pinned form as the event it was")
    @MethodSource("events")
    void readsBackFromItsPinnedFormAsTheEventItWas(Record event) {
        PinnedForm pinned = PinnedForm.of(event.getClass());

        Object read = SERIALIZER.deserialize(pinned.asStored());

        assertThat(read).as(pinned.file()).isInstanceOf(event.getClass()).isEqualTo(event);
    }

    /** So a ledger cannot read events stored by a later version that added a field: no rollback past it. */
    @ParameterizedTest(name = "{0} refuses a stored field it does not know")
    @MethodSource("events")
    void refusesAStoredFieldItDoesNotKnow(Record event) {
        PinnedForm pinned = PinnedForm.of(event.getClass());
        String payload = pinned.payload();
        String withAFieldAddedLater = payload.substring(0, payload.length() - 1) + ",\"addedLater\":1}";

        assertThatThrownBy(() -> SERIALIZER.deserialize(new SimpleSerializedObject<>(
                withAFieldAddedLater.getBytes(StandardCharsets.UTF_8), byte[].class, pinned.type())))
                .as(pinned.file()).isInstanceOf(SerializationException.class)
                .hasRootCauseInstanceOf(UnrecognizedPropertyException.class);
    }

    static Stream<Named<Map.Entry<String, Record>>> capacityForms() {
        return StoredEventSamples.CAPACITY_FORMS.entrySet().stream().map(form -> Named.of(form.getKey(), form));
    }

    @ParameterizedTest(name = "{0} is a capacity lease's form, stored byte for byte and read back")
    @MethodSource("capacityForms")
    void aCapacityLeasesFormIsStoredByteForByteAndReadBack(Map.Entry<String, Record> form) {
        PinnedForm pinned = PinnedForm.read(form.getKey());

        SerializedObject<byte[]> stored = SERIALIZER.serialize(form.getValue(), byte[].class);

        assertThat(stored.getType()).as(pinned.file()).isEqualTo(pinned.type());
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).as(pinned.file()).isEqualTo(pinned.payload());
        assertThat((Object) SERIALIZER.deserialize(pinned.asStored())).as(pinned.file()).isEqualTo(form.getValue());
    }

    @Test
    void aUsageEventStoredAtRevisionOneIsReadThroughTheUpcastersAsOneReport() {
        PinnedForm revisionOne = PinnedForm.read("UsageRecordedEvent.revision-1.json");
        assertThat(revisionOne.type()).isEqualTo(new SimpleSerializedType(
                PinnedForm.of(UsageRecordedEvent.class).payloadType(), null));
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Lease",
                StoredEventSamples.MARKETPLACE + "/" + StoredEventSamples.LEASE, 1,
                "0194f3a2-7c1e-7b42-9d1a-3f6e2b8c4d51", "2026-11-02T09:00:04.512Z", revisionOne.payloadType(),
                revisionOne.payloadRevision(), revisionOne.payload().getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<? extends DomainEventMessage<?>> read = EventStreamUtils.asStream(
                EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), SERIALIZER,
                        StoredForms.eventUpcasterChain())).toList();

        assertThat(read).singleElement().satisfies(message -> assertThat(message.getPayload()).isEqualTo(
                new UsageRecordedEvent(StoredEventSamples.MARKETPLACE, StoredEventSamples.LEASE, List.of(
                        new RecordedUsage("meter-eu7-000041", Instant.parse("2026-11-02T08:00:00Z"),
                                Instant.parse("2026-11-02T09:00:00Z"), 28_800, BigInteger.valueOf(2_450_000),
                                BigInteger.valueOf(19_600_000), BigInteger.valueOf(686_000),
                                BigInteger.valueOf(18_914_000))))));
    }

    @Test
    void aUsageEventStoredAtRevisionTwoIsReadThroughTheUpcastersAsReportsWithoutSignatures() {
        PinnedForm revisionTwo = PinnedForm.read("UsageRecordedEvent.revision-2.json");
        assertThat(revisionTwo.payloadRevision()).isEqualTo("2");

        UsageRecordedEvent read = (UsageRecordedEvent) readThroughUpcasters(revisionTwo).getPayload();

        assertThat(read.reports()).hasSize(2).allSatisfy(report -> {
            assertThat(report.signature()).isNull();
            assertThat(report.tenantSignature()).isNull();
        });
        assertThat(read.reports().get(0).chargedUnits()).isEqualTo(BigInteger.valueOf(19_600_000));
    }

    @Test
    void aLeaseOpenedBeforeLeasesCouldNameSignersReadsAsALeaseWithoutSigners() {
        PinnedForm beforeSigners = PinnedForm.read("LeaseOpenedEvent.before-signers.json");
        assertThat(beforeSigners.payloadRevision()).isNull();

        LeaseOpenedEvent read = (LeaseOpenedEvent) readThroughUpcasters(beforeSigners).getPayload();

        assertThat(read.meterSigner()).isNull();
        assertThat(read.tenantSigner()).isNull();
        assertThat(read.disputeWindowSeconds()).isNull();
        assertThat(read.billing()).isEqualTo(Billing.PREPAID);
    }

    @Test
    void aLeaseOpenedBeforeLeasesCarriedAnSlaIsReadThroughTheUpcastersAsALeaseWithout() {
        PinnedForm beforeSla = PinnedForm.read("LeaseOpenedEvent.before-sla.json");
        assertThat(beforeSla.payloadRevision()).isEqualTo("2");

        LeaseOpenedEvent read = (LeaseOpenedEvent) readThroughUpcasters(beforeSla).getPayload();

        assertThat(read.sla()).isNull();
        assertThat(read.meterSigner()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(read.disputeWindowSeconds()).isEqualTo(86_400L);
    }

    private static DomainEventMessage<?> readThroughUpcasters(PinnedForm pinned) {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Lease",
                StoredEventSamples.MARKETPLACE + "/" + StoredEventSamples.LEASE, 1,
                "0194f3a2-7c1e-7b42-9d1a-3f6e2b8c4d52", "2026-11-02T09:00:04.512Z", pinned.payloadType(),
                pinned.payloadRevision(), pinned.payload().getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<? extends DomainEventMessage<?>> read = EventStreamUtils.asStream(
                EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), SERIALIZER,
                        StoredForms.eventUpcasterChain())).toList();
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    @Test
    void aLeaseOpenedBeforeLeasesCouldBePrepaidReadsAsPostpaid() {
        PinnedForm beforeBilling = PinnedForm.read("LeaseOpenedEvent.before-billing.json");

        LeaseOpenedEvent read = (LeaseOpenedEvent) SERIALIZER.deserialize(beforeBilling.asStored());

        assertThat(read.billing()).isNull();
        assertThat(read.billingOrDefault()).isEqualTo(Billing.POSTPAID);
        assertThat(read.leaseId()).isEqualTo(StoredEventSamples.LEASE);
    }

    @Test
    void anEpochClosedBeforeCorrectionsExistedReadsAsCarryingNothing() {
        PinnedForm beforeCarried = PinnedForm.read("EpochClosedEvent.before-carried.json");

        EpochClosedEvent read = (EpochClosedEvent) SERIALIZER.deserialize(beforeCarried.asStored());

        assertThat(read.carried()).isNull();
        assertThat(read.carriedOrNone()).isEmpty();
        assertThat(read.epoch()).isEqualTo(7);
    }

    @Test
    void anEpochClosedBeforeTheEscrowFundedPayoutsReadsAsReleasingNothing() {
        PinnedForm beforeEscrow = PinnedForm.read("EpochClosedEvent.before-escrow.json");

        EpochClosedEvent read = (EpochClosedEvent) SERIALIZER.deserialize(beforeEscrow.asStored());

        assertThat(read.escrowFundedUnits()).isNull();
        assertThat(read.escrowFundedUnitsOrZero()).isZero();
        assertThat(read.escrowAccountsOrNone()).isEmpty();
        assertThat(read.carriedOrNone()).hasSize(1);
    }

    @Test
    void anEpochClosedBeforeUsageWasSignedReadsAsWithholdingAndReleasingNothing() {
        PinnedForm beforeWithheld = PinnedForm.read("EpochClosedEvent.before-withheld.json");

        EpochClosedEvent read = (EpochClosedEvent) SERIALIZER.deserialize(beforeWithheld.asStored());

        assertThat(read.withheldUsage()).isNull();
        assertThat(read.withheldUsageOrNone()).isEmpty();
        assertThat(read.releasedUsageOrNone()).isEmpty();
        assertThat(read.escrowFundedUnitsOrZero()).isEqualTo(BigInteger.valueOf(16_800_000));
    }

    @Test
    void anEpochFundedBeforeTheEscrowFundedPayoutsReadsAsReleasingNothing() {
        PinnedForm beforeEscrow = PinnedForm.read("EpochFundedEvent.before-escrow.json");

        EpochFundedEvent read = (EpochFundedEvent) SERIALIZER.deserialize(beforeEscrow.asStored());

        assertThat(read.escrowReleasedUnits()).isNull();
        assertThat(read.escrowReleasedUnitsOrZero()).isZero();
        assertThat(read.escrowTxHash()).isNull();
        assertThat(read.amountUnits()).isEqualTo(java.math.BigInteger.valueOf(187_192_663));
    }
}
