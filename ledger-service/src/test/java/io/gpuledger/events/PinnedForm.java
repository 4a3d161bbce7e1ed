package io.gpuledger.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * An event's stored form as pinned in a file of {@code src/test/resources/stored-events}: what
 * domain_event_entry holds in payload_type, payload_revision and payload. A file reads
 *
 * <pre>
 * {
 *   "payloadType": "io.gpuledger.lease.api.LeaseClosedEvent",
 *   "payloadRevision": null,
 *   "payload": {"marketplaceId":"mkt-northwind",...}
 * }
 * </pre>
 *
 * and the payload is the text of the file from its opening brace to its closing one, character for
 * character: the stored bytes, which event hashes and seals cover, so it is kept on one line as the
 * serializer writes it.
 */
record PinnedForm(String file, String payloadType, String payloadRevision, String payload) {

    static final String DIRECTORY = "stored-events";

    /** The pinned form of the current revision of {@code eventType}. */
    static PinnedForm of(Class<?> eventType) {
        return read(fileName(eventType));
    }

    static String fileName(Class<?> eventType) {
        return eventType.getSimpleName() + ".json";
    }

    static PinnedForm read(String file) {
        String text = text(file);
        String type = null;
        String revision = null;
        String payload = null;
        try (JsonParser in = new JsonFactory().createParser(text)) {
            expect(file, in.nextToken(), JsonToken.START_OBJECT);
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                switch (field) {
                    case "payloadType" -> type = in.getValueAsString();
                    case "payloadRevision" -> revision = value == JsonToken.VALUE_NULL ? null : in.getText();
                    case "payload" -> {
                        expect(file, value, JsonToken.START_OBJECT);
                        int start = (int) in.currentTokenLocation().getCharOffset();
                        in.skipChildren();
                        payload = text.substring(start, (int) in.currentLocation().getCharOffset());
                    }
                    default -> throw new IllegalStateException(file + ": no field " + field + " in a pinned form");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
        if (type == null || payload == null) {
            throw new IllegalStateException(file + ": a pinned form names its payloadType and holds its payload");
        }
        return new PinnedForm(file, type, revision, payload);
    }

    SerializedType type() {
        return new SimpleSerializedType(payloadType, payloadRevision);
    }

    /** The three columns as the event store hands them to the serializer. */
    SerializedObject<byte[]> asStored() {
        return new SimpleSerializedObject<>(payload.getBytes(StandardCharsets.UTF_8), byte[].class, type());
    }

    private static String text(String file) {
        String path = DIRECTORY + "/" + file;
        try (InputStream in = PinnedForm.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no pinned form " + path + " among the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    private static void expect(String file, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException(file + ": expected " + expected + " but found " + actual);
        }
    }
}
