package dev.sessiond.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The upper bound of a prefix range: the least string after every string with that prefix. */
class SessionSelectTest {
  private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

  @Test
  void successorIncrementsTheLastCodePoint() {
    assertThat(SessionSelect.successor("ali")).isEqualTo("alj");
    assertThat(SessionSelect.successor("10.0.")).isEqualTo("10.0/");
    assertThat(SessionSelect.successor("a%")).isEqualTo("a&");
  }

  @Test
  void successorSkipsTheSurrogateRangeAndHandlesSupplementaryCharacters() {
    assertThat(SessionSelect.successor("x\uD7FF")).isEqualTo("x\uE000");
    assertThat(SessionSelect.successor("🦊")).isEqualTo("🦋");
    assertThat(SessionSelect.successor("a\uFFFF")).isEqualTo("a" + new String(Character.toChars(0x10000)));
  }

  @Test
  void successorDropsTrailingMaximalCodePoints() {
    assertThat(SessionSelect.successor("ab" + MAX + MAX)).isEqualTo("ac");
    assertThat(SessionSelect.successor(MAX)).isNull();
  }
}
