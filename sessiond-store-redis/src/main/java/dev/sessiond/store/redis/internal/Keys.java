package dev.sessiond.store.redis.internal;

/**
 * Key names. Everything of one tenant shares the hash tag {@code {t:<tenant>}}, so every atomic
 * step on a tenant runs in one slot; global pointers (session id, refresh-token hash, grant id to
 * tenant) each have a tag of their own; the tenant registry with the sweeps' due-work bounds, the
 * audit positions, the event feed, signing keys and API keys each live under one fixed tag. Every
 * key starts with the configured prefix.
 */
public final class Keys {
  private final String prefix;

  public Keys(String prefix) {
    this.prefix = prefix;
  }

  /** The base every key of {@code tenant} starts with: {@code <prefix>{t:<tenant>}:}. */
  String tenant(String tenant) {
    return prefix + "{t:" + escape(tenant) + "}:";
  }

  String sessionPointer(String id) {
    return prefix + "{s:" + escape(id) + "}";
  }

  String tokenPointer(String hash) {
    return prefix + "{r:" + escape(hash) + "}";
  }

  String grantPointer(String id) {
    return prefix + "{g:" + escape(id) + "}";
  }

  /** The tenant registry and the due-work bounds of the sweeps (see {@code due.lua}). */
  String due() {
    return prefix + "{due}:";
  }

  /** The audit log's positions and global indexes: {@code seq}, {@code ix} (by position), {@code at}. */
  String audit() {
    return prefix + "{audit}:";
  }

  /**
   * The event feed: {@code log} (a stream whose entry ids are {@code <seq>-0}), {@code seq} (the
   * last position taken) and {@code purged} (the highest position purged).
   */
  String events() {
    return prefix + "{events}:";
  }

  String signingKeys() {
    return prefix + "{sigkeys}:";
  }

  String apiKeys() {
    return prefix + "{apikeys}:";
  }

  /** The lease {@code name}: {@code <prefix>{lease}:<name>}, a hash of holder and end. */
  String lease(String name) {
    return prefix + "{lease}:" + escape(name);
  }

  /** Keeps a name from closing or opening a hash tag, injectively. */
  private static String escape(String name) {
    return name.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
  }
}
