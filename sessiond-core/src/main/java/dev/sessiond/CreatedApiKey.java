package dev.sessiond;

/**
 * A new API key and the only copy of its secret: sessiond keeps just a hash, so it cannot show
 * the key again.
 *
 * @param key its description
 * @param secret the whole key, sent as {@code Authorization: Bearer <secret>}
 */
public record CreatedApiKey(ApiKey key, String secret) {
  @Override
  public String toString() {
    return "CreatedApiKey[key=" + key + ", secret=<hidden>]";
  }
}
