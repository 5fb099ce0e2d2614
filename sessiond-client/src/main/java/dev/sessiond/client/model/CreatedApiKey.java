package dev.sessiond.client.model;

/**
 * A new API key: its description and, this once, the key itself. {@link #toString()} hides the
 * key.
 *
 * @param apiKey its description
 * @param key the whole key ({@code sk_...}) to send as the bearer credential; sessiond keeps only
 *     its hash, so it cannot be shown again
 */
public record CreatedApiKey(ApiKey apiKey, String key) {
  @Override
  public String toString() {
    return "CreatedApiKey[apiKey=" + apiKey + ", key=***]";
  }
}
