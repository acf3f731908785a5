package com.bizosaas.eventbus.broker.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;

/** Small helpers for the consumer tests: keyed, numbered messages and a quick-to-fail-over spec. */
final class TestMessages {
    private TestMessages() {
    }

    /** A member of {@code group} whose partitions move to others about 6 s after it dies. */
    static ConsumerSpec spec(String topic, String group, int concurrency) {
        return new ConsumerSpec(topic, group, "#", concurrency, Duration.ofSeconds(6));
    }

    /** Publishes {@code key:first} ... {@code key:(last-1)} in one batch and waits for the acknowledgement. */
    static void publishNumbered(MessageBroker broker, String topic, String key, int first, int last) throws Exception {
        List<BrokerMessage> batch = IntStream.range(first, last)
                .mapToObj(i -> new BrokerMessage(key, (key + ":" + i).getBytes(UTF_8), Map.of()))
                .toList();
        broker.publish(new Destination(topic, "test"), batch).get(30, TimeUnit.SECONDS);
    }

    static String body(ReceivedMessage message) {
        return new String(message.payload(), UTF_8);
    }

    /** The number after the colon of a {@link #publishNumbered} payload. */
    static int number(ReceivedMessage message) {
        String body = body(message);
        return Integer.parseInt(body.substring(body.indexOf(':') + 1));
    }

    /** A key the default partitioner sends to {@code partition} of a topic with {@code partitions} partitions. */
    static String keyFor(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % partitions == partition) {
                return key;
            }
        }
    }
}
