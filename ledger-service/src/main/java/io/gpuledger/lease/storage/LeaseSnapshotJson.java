package io.gpuledger.lease.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.gpuledger.lease.Lease;
import io.gpuledger.lease.LeaseState;
import java.io.IOException;

/**
 * The stored form of a lease's snapshot: its {@link LeaseState}, not its fields. Axon's snapshotter
 * stores the aggregate itself as the snapshot's payload; this module writes and reads that payload as
 * the state record, so the aggregate's internals can change while the stored form stays pinned
 * (LeaseSnapshotFormTest) and revisioned.
 */
public final class LeaseSnapshotJson extends SimpleModule {

    public LeaseSnapshotJson() {
        super("lease-snapshot-json");
        addSerializer(Lease.class, new StdSerializer<>(Lease.class) {
            @Override
            public void serialize(Lease lease, JsonGenerator out, SerializerProvider provider) throws IOException {
                provider.defaultSerializeValue(lease.state(), out);
            }
        });
        addDeserializer(Lease.class, new StdDeserializer<>(Lease.class) {
            @Override
            public Lease deserialize(JsonParser in, DeserializationContext context) throws IOException {
                return Lease.restore(context.readValue(in, LeaseState.class));
            }
        });
    }
}
