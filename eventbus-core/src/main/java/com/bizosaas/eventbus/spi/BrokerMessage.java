package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.Event;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An encoded event on its way through a broker.
 *
 * <p>A message may also carry the event its payload encodes ({@link #local()}). Brokers that
 * keep messages inside the JVM pass it on to consumers, which then skip decoding; such brokers
 * never ask for the payload, so a message made with {@link #encodedOnDemand} is never encoded
 * there. Brokers that send messages elsewhere use {@link #payload()} and drop the object.
 * Immutable and thread-safe.
 */
public final class BrokerMessage {
    private final String key;
    private final Map<String, String> headers;
    private final Event local;
    private final Supplier<byte[]> encoder;
    private volatile byte[] payload;

    /**
     * @param key     ordering/partition key: messages with equal keys keep their order
     * @param payload the encoded event
     * @param headers small string headers (event id, type, tenant) so consumers can route without decoding
     */
    public BrokerMessage(String key, byte[] payload, Map<String, String> headers) {
        this(key, payload, null, null, headers);
    }

    private BrokerMessage(String key, byte[] payload, Event local, Supplier<byte[]> encoder,
                          Map<String, String> headers) {
        this.key = key;
        this.payload = payload;
        this.local = local;
        this.encoder = encoder;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A message for {@code local} whose payload is made by {@code encoder} the first time it is asked for. */
    public static BrokerMessage encodedOnDemand(String key, Event local, Supplier<byte[]> encoder,
                                                Map<String, String> headers) {
        return new BrokerMessage(key, null, Objects.requireNonNull(local, "local"),
                Objects.requireNonNull(encoder, "encoder"), headers);
    }

    public String key() {
        return key;
    }

    /** The encoded event; shared, callers must not modify it. */
    public byte[] payload() {
        byte[] bytes = payload;
        if (bytes == null && encoder != null) {
            // Two racing callers may both encode: the encodings are equal, so either may win.
            bytes = encoder.get();
            payload = bytes;
        }
        return bytes;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The event the payload encodes, or {@code null} if the message was made from bytes. */
    public Event local() {
        return local;
    }

    @Override
    public String toString() {
        return "BrokerMessage[key=" + key + ", headers=" + headers + "]";
    }
}
