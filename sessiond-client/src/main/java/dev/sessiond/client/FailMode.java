package dev.sessiond.client;

import java.util.Locale;

/**
 * What a local verifier does when it cannot prove it is fresh: its event feed from the server has
 * been silent (no event, no heartbeat) for longer than {@link ClientConfig#maxStaleness()}.
 */
public enum FailMode {
  /** Reject every token with an "unavailable" result until the feed is back. The default. */
  CLOSED,
  /** Accept tokens whose signature and lifetime check out, and count them, until it is back. */
  OPEN;

  /**
   * The mode named {@code open} or {@code closed} (any case, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the accepted values, for anything else (and {@code
   *     null})
   */
  public static FailMode parse(String value) {
    String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "open" -> OPEN;
      case "closed" -> CLOSED;
      default -> throw new IllegalArgumentException(
          "fail mode must be open or closed, not '" + (value == null ? "null" : value) + "'");
    };
  }
}
