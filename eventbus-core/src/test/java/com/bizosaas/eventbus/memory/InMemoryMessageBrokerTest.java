package com.bizosaas.eventbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.contract.MessageBrokerContract;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InMemoryMessageBrokerTest extends MessageBrokerContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    protected MessageBroker newBroker() {
        return new InMemoryMessageBroker();
    }

    @Test
    void closingAMemberHandsItsInFlightMessageOnEvenIfTheHandlerIgnoresInterrupts() throws Exception {
        String group = uniqueName("group");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stuckMemberAcknowledged = new AtomicBoolean();
        BrokerSubscription stuck = subscribe(group, 1, m -> {
            entered.countDown();
            awaitIgnoringInterrupts(release);
            stuckMemberAcknowledged.set(true);
        });
        publish(List.of(message("key", 0)));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Queue<ReceivedMessage> survivor = new ConcurrentLinkedQueue<>();
        subscribe(group, 1, survivor::add);

        stuck.close();

        Await.until(WAIT, () -> survivor.size() == 1, "the live member should get the stuck member's message");
        assertThat(survivor.peek().redelivered()).isTrue();
        release.countDown();
        Await.until(WAIT, stuckMemberAcknowledged::get, "the stuck handler should return");
        publish(List.of(message("key", 1)));
        Await.until(WAIT, () -> survivor.size() == 2, "the key should keep flowing to the live member");
        assertThat(survivor).extracting(m -> m.headers().get("seq")).containsExactly("0", "1");
    }

    @Test
    void messagesPublishedWhileAGroupHasNoLiveMemberWaitForTheNextOne() {
        String group = uniqueName("group");
        subscribe(group, 1, m -> { }).close();

        publish(messages("key", 3));
        Queue<ReceivedMessage> next = new ConcurrentLinkedQueue<>();
        subscribe(group, 1, next::add);

        Await.until(WAIT, () -> next.size() == 3, "the next member should get what waited in the group");
    }

    @Test
    void aKeyWhoseHandlerKeepsFailingDoesNotHoldBackOtherKeys() {
        Queue<String> handledKeys = new ConcurrentLinkedQueue<>();
        subscribe(uniqueName("group"), 1, m -> {
            if (m.key().equals("poisoned")) {
                throw new IllegalStateException("always fails");
            }
            handledKeys.add(m.key());
        });

        publish(List.of(message("poisoned", 0), message("healthy", 1), message("also-healthy", 2)));

        Await.until(WAIT, () -> handledKeys.size() == 2, "the other keys should be handled");
    }

    @Test
    void aClosedBrokerRefusesToPublishAndSubscribe() {
        broker.close();

        assertThatThrownBy(() -> broker.publish(new Destination(topic, "k"), messages("key", 1)).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> subscribe(uniqueName("group"), 1, m -> { }))
                .isInstanceOf(UnavailableException.class);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // This handler plays one that cannot be stopped.
            }
        }
    }
}
