package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * Refuses to join a group queue whose live members belong to another deployment, without the
 * management plugin (AMQP cannot list a queue's consumers). The durable queue
 * {@code <queue>.owner} holds one persistent message, the deployment id of the group's owner; each
 * member keeps a consumer on the auto-delete queue {@code <queue>.owner.<deployment>}, which
 * RabbitMQ deletes once the last member of that deployment is gone. A recorded owner whose queue
 * still exists has a live member: another deployment is refused. A recorded owner without one is
 * replaced, so a namespace passes to a new store once the old one's servers have stopped (or at
 * once when an operator deletes {@code <queue>.owner}).
 */
public final class GroupOwnership {
    private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;

    private GroupOwnership() {
    }

    /**
     * Records {@code spec.owner()} as the owner of {@code queue} unless another deployment with a
     * live member owns it; returns the queue the member must consume to show it is live.
     *
     * @throws com.bizosaas.eventbus.ConflictException {@code namespace_in_use} when another deployment owns it
     */
    public static String claim(Connection connection, String queue, ConsumerSpec spec) {
        String marker = queue + ".owner";
        String live = liveQueue(marker, spec.owner());
        String foreign;
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclare(marker, true, false, false, null);
            GetResponse head = channel.basicGet(marker, false);
            String recorded = head == null ? null : new String(head.getBody(), StandardCharsets.UTF_8);
            foreign = recorded != null && !recorded.equals(spec.owner()) && exists(connection, liveQueue(marker, recorded))
                    ? liveQueue(marker, recorded) : null;
            if (head != null && (foreign != null || recorded.equals(spec.owner()))) {
                channel.basicNack(head.getEnvelope().getDeliveryTag(), false, true);
            } else {
                if (head != null) {
                    channel.basicAck(head.getEnvelope().getDeliveryTag(), false); // an owner with no live member left
                }
                channel.confirmSelect();
                channel.basicPublish("", marker, MessageProperties.PERSISTENT_TEXT_PLAIN,
                        spec.owner().getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            }
            if (foreign == null) {
                channel.queueDeclare(live, false, false, true, null);
            }
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw AmqpFailures.unavailable("check the owner of queue " + queue, e);
        }
        if (foreign != null) {
            throw spec.foreignMemberRefusal("RabbitMQ", foreign);
        }
        return live;
    }

    private static String liveQueue(String marker, String owner) {
        return marker + "." + owner;
    }

    /** A passive declare of a missing queue closes its channel, so it gets one of its own. */
    private static boolean exists(Connection connection, String queue) throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            if (channel.isOpen()) {
                channel.abort();
            }
        }
    }
}
