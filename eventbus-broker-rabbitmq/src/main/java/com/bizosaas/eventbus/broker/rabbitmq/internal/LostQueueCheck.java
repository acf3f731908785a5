package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices group queues that vanished while the consuming connection was down (a broker restarted
 * without them, or an operator deleted them meanwhile). Automatic topology recovery declares every
 * queue again, so afterwards a lost queue cannot be told from a kept one: this listener looks
 * before recovery starts, with a passive declare per member's queue, and once the connection and
 * its topology are back tells each member whose queue was missing that its messages are lost.
 * Runs on amqp-client's recovery thread.
 */
public final class LostQueueCheck implements RecoveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(LostQueueCheck.class);
    /** AMQP reply code of a passive declare of a queue that does not exist. */
    private static final int NOT_FOUND = 404;

    private final Supplier<Iterable<GroupMember>> members;
    private final List<GroupMember> lost = new ArrayList<>(); // recovery thread only

    public LostQueueCheck(Supplier<Iterable<GroupMember>> members) {
        this.members = members;
    }

    @Override
    public void handleRecoveryStarted(Recoverable recoverable) {
        // Nothing to look at before the connection is back.
    }

    @Override
    public void handleTopologyRecoveryStarted(Recoverable recoverable) {
        lost.clear();
        Connection connection = (Connection) recoverable;
        for (GroupMember member : members.get()) {
            if (isMissing(connection, member.queue())) {
                lost.add(member);
            }
        }
    }

    @Override
    public void handleRecovery(Recoverable recoverable) {
        for (GroupMember member : lost) {
            member.queueLostWhileDisconnected();
        }
        lost.clear();
    }

    private static boolean isMissing(Connection connection, String queue) {
        try {
            Channel channel = connection.createChannel();
            try {
                channel.queueDeclarePassive(queue);
                channel.close();
                return false;
            } catch (IOException e) {
                // The broker closed the channel: a 404 means the queue is gone, anything else we cannot tell.
                return notFound(e);
            }
        } catch (IOException | RuntimeException | TimeoutException e) {
            LOG.warn("Could not check whether queue {} survived the reconnect; assuming it did: {}", queue,
                    e.toString());
            return false;
        }
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == NOT_FOUND;
    }
}
