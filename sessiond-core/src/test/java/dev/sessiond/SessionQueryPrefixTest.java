package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.store.SessionQuery;
import org.junit.jupiter.api.Test;

/** The upper bound of a prefix range: the least string after every string with that prefix. */
class SessionQueryPrefixTest {
  private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

  @Test
  void prefixEndIncrementsTheLastCodePoint() {
    assertThat(SessionQuery.prefixEnd("ali")).isEqualTo("alj");
    assertThat(SessionQuery.prefixEnd("10.0.")).isEqualTo("10.0/");
    assertThat(SessionQuery.prefixEnd("a%")).isEqualTo("a&");
  }

  @Test
  void prefixEndSkipsTheSurrogateRangeAndHandlesSupplementaryCharacters() {
    assertThat(SessionQuery.prefixEnd("x\uD7FF")).isEqualTo("x\uE000");
    assertThat(SessionQuery.prefixEnd("🦊")).isEqualTo("🦋");
    assertThat(SessionQuery.prefixEnd("a\uFFFF"))
        .isEqualTo("a" + new String(Character.toChars(0x10000)));
  }

  @Test
  void prefixEndDropsTrailingMaximalCodePoints() {
    assertThat(SessionQuery.prefixEnd("ab" + MAX + MAX)).isEqualTo("ac");
    assertThat(SessionQuery.prefixEnd(MAX)).isNull();
  }
}
