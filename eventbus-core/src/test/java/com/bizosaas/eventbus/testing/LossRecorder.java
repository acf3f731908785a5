package com.bizosaas.eventbus.testing;

import com.bizosaas.eventbus.spi.MessageHandler;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A broker handler for the loss tests: holds every message until {@code release} opens, then
 * records its payload as UTF-8 text; records every loss the broker reports. Thread-safe.
 */
public final class LossRecorder implements MessageHandler {
    public final Set<String> handled = ConcurrentHashMap.newKeySet();
    public final List<String> losses = new CopyOnWriteArrayList<>();
    private final CountDownLatch release;

    /** Holds each message until {@code release} is counted down. */
    public LossRecorder(CountDownLatch release) {
        this.release = release;
    }

    /** Holds nothing. */
    public LossRecorder() {
        this(new CountDownLatch(0));
    }

    @Override
    public void handle(ReceivedMessage message) throws InterruptedException {
        release.await();
        handled.add(new String(message.payload(), StandardCharsets.UTF_8));
    }

    @Override
    public void messagesLost(String reason) {
        losses.add(reason);
    }
}
