package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.spi.MessageBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the outbox trusts the broker with an event, chosen once from the broker's declared
 * durability ({@link MessageBroker#isDurable()}). Either way an event leaves the outbox only once
 * it has been dispatched; the policy decides whether the broker's acknowledgement is recorded
 * too, which keeps the outbox relay from republishing what a durable broker already holds.
 */
enum ConfirmationPolicy {
    /** The broker's acknowledgement survives this process: record it, republish only what it never took. */
    ON_BROKER_ACK(true),
    /**
     * The broker keeps messages in this process's memory: its acknowledgement protects nothing a
     * crash would not take, so an event counts as delivered to the broker only once dispatched.
     */
    ON_DISPATCH(false);

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationPolicy.class);

    private final boolean recordsBrokerAcks;

    ConfirmationPolicy(boolean recordsBrokerAcks) {
        this.recordsBrokerAcks = recordsBrokerAcks;
    }

    static ConfirmationPolicy of(MessageBroker broker) {
        if (broker.isDurable()) {
            return ON_BROKER_ACK;
        }
        LOG.warn("The broker keeps messages in this process's memory only: a crash loses what it held, and "
                + "events stay in the outbox until dispatched so that a durable store republishes them");
        return ON_DISPATCH;
    }

    /** Whether the broker's acknowledgements are recorded in the outbox. */
    boolean recordsBrokerAcks() {
        return recordsBrokerAcks;
    }

    /**
     * Whether confirmed but undispatched events are republished at start: they may have been
     * dispatched by a process that died before recording it, or never. Without recorded
     * confirmations, every undispatched event is due after the outbox delay anyway.
     */
    boolean republishesConfirmedAtStart() {
        return recordsBrokerAcks;
    }

    /**
     * Whether one relay round may go on to a next batch. Without recorded confirmations the same
     * events would come back at once.
     */
    boolean relaysSeveralBatchesPerRound() {
        return recordsBrokerAcks;
    }
}
