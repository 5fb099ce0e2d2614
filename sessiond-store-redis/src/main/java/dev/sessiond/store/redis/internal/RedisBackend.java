package dev.sessiond.store.redis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every ability shares: the link, the key names, the tenants with due work ({@link DueWork}),
 * the way writes append their events ({@link RedisEvents}) and the global pointers.
 *
 * <p>A pointer (session id, refresh-token hash or grant id
 * to its tenant) is written before the tenant's record, so a pointer may dangle after a refused or
 * interrupted write; every reader checks the record it points at, so a dangling pointer is
 * harmless.
 */
public final class RedisBackend implements AutoCloseable {
  final RedisLink link;
  final Keys keys;
  final DueWork due;
  final RedisEvents events;

  public RedisBackend(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
    this.due = new DueWork(link, keys);
    this.events = new RedisEvents(link, keys);
  }

  /** The tenant a pointer names, or {@code null}. */
  String tenantOf(String pointer) {
    return link.call(c -> c.get(pointer));
  }

  /**
   * Points {@code pointer} at {@code tenant} unless it already points at a record {@code name}
   * that exists.
   *
   * @throws IllegalStateException if that record exists
   */
  void claim(String pointer, String tenant, String name) {
    if (Boolean.TRUE.equals(link.call(c -> c.setnx(pointer, tenant)))) {
      return;
    }
    String current = tenantOf(pointer);
    if (current != null && link.call(c -> c.exists(keys.tenant(current) + name)) > 0) {
      throw new IllegalStateException("already stored");
    }
    link.call(c -> c.set(pointer, tenant));
  }

  /** The hashes {@code names} under {@code base} (one slot), in order; empty maps for missing. */
  List<Map<String, String>> fetch(String base, List<String> names) {
    List<Map<String, String>> out = new ArrayList<>();
    if (names.isEmpty()) {
      return out;
    }
    for (Object flat : link.list(Scripts.FETCH, base, names)) {
      out.add(map(flat));
    }
    return out;
  }

  /** The hash {@code name} under {@code base}; empty if missing. */
  Map<String, String> fetch(String base, String name) {
    return fetch(base, List.of(name)).get(0);
  }

  /** A flat field/value list as a map. */
  static Map<String, String> map(Object flat) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<?> list = (List<?>) flat;
    for (int i = 0; i + 1 < list.size(); i += 2) {
      fields.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
    }
    return fields;
  }

  @Override
  public void close() {
    link.close();
  }
}
