package dev.sessiond.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.SessiondException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "255.255.255.255", "0.0.0.0", "::1", "2001:db8::8a2e:370:7334",
      "::ffff:192.0.2.1"})
  void acceptsIpLiterals(String ip) {
    assertThat(FieldRules.ip("ip", ip)).isEqualTo(ip);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3", "256.1.1.1", "01.2.3.4", "example.com", "localhost", "::g",
      "1:2:3:4:5:6:7:8:9", " 10.0.0.1", "10.0.0.1/24"})
  void rejectsAnythingElseWithoutLookingItUp(String ip) {
    assertThatThrownBy(() -> FieldRules.ip("ip", ip)).isInstanceOf(SessiondException.class)
        .hasMessage("ip must be an IPv4 or IPv6 address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
      "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"})
  void sessionIdsAreExactly64LowercaseHex(String id) {
    assertThat(SessionIds.isValid(id)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void generatedIdsAreValid(int ignored) {
    assertThat(SessionIds.isValid(SessionIds.generate())).isTrue();
  }
}
