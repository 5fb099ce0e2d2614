package dev.sessiond.store.redis.internal;

import java.util.List;

/**
 * How a write's events reach the feed (the stream {@code log} under the tag {@code {events}}, see
 * {@link Keys#events()} and {@code common.lua}). Every writing script calls {@code emit} for each
 * change it makes and answers {@code {reply, events}}; this class runs it:
 *
 * <ul>
 *   <li>On standalone Redis a script may touch keys of any slot, so the feed's base goes in as a
 *       second key and the script appends its events itself: the change and its events are one
 *       atomic step.
 *   <li>On a Redis Cluster a script cannot reach the feed's slot, so the script answers its events
 *       and they are appended right after, in order and in one step, by {@code event_append.lua}
 *       on the feed's slot. The window: a node killed (or cut off from Redis) between the script
 *       and the append leaves that change without an event. The write was then not acknowledged
 *       (the call failed or never returned), and the change itself is stored: nodes following the
 *       feed miss it, and see it when they next rebuild their state from the store (on restart).
 * </ul>
 *
 * <p>Either way positions are taken by {@code INCR} in the same step as the {@code XADD}, so
 * events become readable in position order.
 */
final class RedisEvents {
  private final RedisLink link;
  private final Keys keys;

  RedisEvents(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  /** Runs the writing {@code script} in the slot of {@code key}; its reply, a list. */
  @SuppressWarnings("unchecked")
  List<Object> list(LuaScript script, String key, List<String> args) {
    return (List<Object>) reply(script, key, args);
  }

  /** Runs the writing {@code script} in the slot of {@code key}; its reply, an integer. */
  long integer(LuaScript script, String key, List<String> args) {
    return (Long) reply(script, key, args);
  }

  private Object reply(LuaScript script, String key, List<String> args) {
    boolean cluster = link.isCluster();
    List<Object> answer = link.list(script,
        cluster ? List.of(key) : List.of(key, keys.events()), args);
    List<?> events = (List<?>) answer.get(1);
    if (!events.isEmpty()) {
      link.integer(Scripts.EVENT_APPEND, keys.events(),
          events.stream().map(String::valueOf).toList());
    }
    return answer.get(0);
  }
}
