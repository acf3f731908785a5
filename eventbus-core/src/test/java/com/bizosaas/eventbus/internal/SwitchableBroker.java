package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real in-memory broker whose publishing side can be switched off, as when a broker is down, or
 * made to lose what it accepts, as an in-memory broker does when its process dies. It may claim to
 * be durable, and report a loss to its subscribers as a broker that detected one does.
 */
final class SwitchableBroker implements MessageBroker {
    private final MessageBroker delegate;
    private final boolean durable;
    private final List<MessageHandler> handlers = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile boolean losing;

    SwitchableBroker(MessageBroker delegate) {
        this(delegate, delegate.isDurable());
    }

    SwitchableBroker(MessageBroker delegate, boolean durable) {
        this.delegate = delegate;
        this.durable = durable;
    }

    void reportLoss(String reason) {
        handlers.forEach(h -> h.messagesLost(reason));
    }

    void down(boolean isDown) {
        this.down = isDown;
    }

    void losing(boolean isLosing) {
        this.losing = isLosing;
    }

    @Override
    public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
        if (down) {
            return CompletableFuture.failedFuture(new UnavailableException("broker is down", null));
        }
        if (losing) {
            return CompletableFuture.completedFuture(null);
        }
        return delegate.publish(destination, messages);
    }

    @Override
    public BrokerSubscription subscribe(ConsumerSpec spec, MessageHandler handler) {
        handlers.add(handler);
        return delegate.subscribe(spec, handler);
    }

    @Override
    public boolean isDurable() {
        return durable;
    }

    @Override
    public String healthName() {
        return delegate.healthName();
    }

    @Override
    public ComponentHealth health() {
        return down ? ComponentHealth.unhealthy("switched off") : delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
