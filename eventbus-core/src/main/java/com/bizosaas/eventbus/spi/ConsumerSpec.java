package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.ConflictException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to join a consumer group.
 *
 * @param topic          the topic to consume
 * @param group          consumer group: each message goes to one live member of the group
 * @param bindingPattern routing-key pattern for brokers that bind by pattern ({@code #} = all)
 * @param concurrency    handler threads for this member (messages with one key stay in order)
 * @param redeliverAfter how long a message may stay unacknowledged by a dead member before
 *                       it is handed to another (brokers that detect dead consumers themselves
 *                       may ignore it)
 * @param owner          the deployment joining, as its store's {@link EventStore#deploymentId()}: a
 *                       broker that can see its group's live members refuses to join a group whose
 *                       members belong to another deployment; {@code null} = no check
 */
public record ConsumerSpec(String topic, String group, String bindingPattern, int concurrency,
                           Duration redeliverAfter, String owner) {
    // Brokers embed the owner in member names.
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String OWNER_MARK = "-owner-";

    public ConsumerSpec {
        if (topic == null || group == null) {
            throw new IllegalArgumentException("topic and group are required");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1; got " + concurrency);
        }
        bindingPattern = bindingPattern == null ? "#" : bindingPattern;
        redeliverAfter = redeliverAfter == null ? Duration.ofSeconds(30) : redeliverAfter;
        if (owner != null && !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("owner must be 1-64 letters, digits or '-'; got '" + owner + "'");
        }
    }

    /** Appended to a member's name by brokers, so that other deployments can tell whose it is; "" without an owner. */
    public String ownerMark() {
        return owner == null ? "" : OWNER_MARK + owner;
    }

    /**
     * Whether a live member named {@code memberName} belongs to another deployment than this
     * spec's owner. Members named without a mark (no owner, or older versions) never do.
     */
    public boolean isForeign(String memberName) {
        int mark = memberName.lastIndexOf(OWNER_MARK);
        return owner != null && mark >= 0 && !memberName.substring(mark + OWNER_MARK.length()).equals(owner);
    }

    /** The refusal to join because {@code memberName}, a live member of the group, is another deployment's. */
    public ConflictException foreignMemberRefusal(String broker, String memberName) {
        return new ConflictException("namespace_in_use", broker + " consumer group '" + group + "' on '" + topic
                + "' has a live member (" + memberName + ") of another deployment, whose store is not this one's ("
                + owner + "); sharing the group would give each deployment part of the other's events. Give each"
                + " deployment its own EVENTBUS_NAMESPACE, or point this one at the same store. A member of a killed"
                + " process counts as live until the broker expires it.");
    }

    /** A spec without an owner: joining is never refused. */
    public ConsumerSpec(String topic, String group, String bindingPattern, int concurrency, Duration redeliverAfter) {
        this(topic, group, bindingPattern, concurrency, redeliverAfter, null);
    }

    public static ConsumerSpec of(String topic, String group) {
        return new ConsumerSpec(topic, group, "#", 1, null);
    }
}
