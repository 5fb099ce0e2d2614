package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.server.ApiClient.Reply;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Assertions on answers of the HTTP API. */
final class ReplyAssertions {
  /** Headers that may differ between two answers for reasons of time, not content. */
  private static final Set<String> TIME_HEADERS = Set.of("date", "expires", "last-modified", "age");

  private ReplyAssertions() {}

  /** {@code reply} is an {@code application/problem+json} answer with {@code status} and {@code code}. */
  static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.header("Content-Type")).as("%s", reply).isEqualTo("application/problem+json");
    assertThat(reply.code()).as("%s", reply).isEqualTo(code);
  }

  /**
   * {@code actual} is the very answer {@code expected} is: the same status, the same headers (but
   * those that carry the time) and the same body, byte for byte.
   */
  static void assertSameAnswer(Reply actual, Reply expected) {
    assertThat(actual.status()).as("status of %s", actual).isEqualTo(expected.status());
    assertThat(headersButTime(actual)).isEqualTo(headersButTime(expected));
    assertThat(actual.body()).isEqualTo(expected.body());
  }

  private static Map<String, List<String>> headersButTime(Reply reply) {
    Map<String, List<String>> headers = new TreeMap<>();
    reply.headers().forEach((name, values) -> {
      if (!TIME_HEADERS.contains(name.toLowerCase())) {
        headers.put(name.toLowerCase(), values);
      }
    });
    return headers;
  }
}
