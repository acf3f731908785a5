package com.bizosaas.eventbus.following;

/**
 * A catch-up subscription of one tenant's events: it reads the stored events after its start
 * position, then keeps reading new ones as they are stored, handing each to its handler exactly
 * once and in position order (a store's positions never become visible out of order, so tailing
 * them leaves no gap and no duplicate where catching up turns into following live). To resume
 * after a restart, start a new follower from the last {@link #position()} the handler finished.
 * Thread-safe; {@link #close()} stops it after the event in hand.
 */
public interface Follower extends AutoCloseable {

    /** The position of the last event the handler finished; the start position before the first. */
    long position();

    /** True once the follower has read everything stored when it last looked: it is following live. */
    boolean isLive();

    @Override
    void close();
}
