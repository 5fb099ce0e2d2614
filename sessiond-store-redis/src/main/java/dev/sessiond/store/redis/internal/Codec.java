package dev.sessiond.store.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Values as Redis keeps them: instants as epoch milliseconds, collections as JSON. */
final class Codec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private Codec() {}

  /**
   * A fresh nonce (128 random bits, hex) naming one call of a script, so that the script can tell
   * a re-send of itself (the client retries a command whose answer a dropped connection lost)
   * from another call. Not a secret.
   */
  static String nonce() {
    return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
  }

  static String ms(Instant at) {
    return Long.toString(at.toEpochMilli());
  }

  static Instant instant(String ms) {
    return ms == null ? null : Instant.ofEpochMilli(Long.parseLong(ms));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode a value", e);
    }
  }

  static List<String> list(String json) {
    return read(json, LIST);
  }

  static Map<String, String> map(String json) {
    return read(json, MAP);
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored value cannot be read", e);
    }
  }
}
