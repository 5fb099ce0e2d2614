package dev.sessiond.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.SessionLimit;
import dev.sessiond.SessionLimit.Policy;
import dev.sessiond.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max-sessions-per-user}, {@code session-limit-policy} and {@code
 * session-limit-per-client-type} under {@code sessions.tenants.<id>}: defaults, every value, and
 * every mistake an error naming the key.
 */
class SessionLimitConfigTest {
  private static final String AT = "sessions.tenants.acme";

  @TempDir
  Path dir;

  @Test
  void limitsAreReadWithTheirDefaults() throws IOException {
    Path file = yaml("sessions:\n"
        + "  tenants:\n"
        + "    acme:\n"
        + "      max-sessions-per-user: 5\n"
        + "    globex:\n"
        + "      max-sessions-per-user: 1\n"
        + "      session-limit-policy: evict_oldest\n"
        + "      session-limit-per-client-type: true\n"
        + "    initech:\n"
        + "      max-sessions-per-user: 3\n"
        + "      session-limit-policy: deny_new\n"
        + "      session-limit-per-client-type: false\n"
        + "    umbrella:\n"
        + "      idle-timeout: 5m\n");

    ServerConfig config = serve("--config", file.toString());

    assertThat(config.sessionLimits()).containsOnly(
        Map.entry("acme", new SessionLimit(5, Policy.DENY_NEW, false)),
        Map.entry("globex", new SessionLimit(1, Policy.EVICT_OLDEST, true)),
        Map.entry("initech", new SessionLimit(3, Policy.DENY_NEW, false)));
    assertThat(config.toBuilder().build().sessionLimits()).isEqualTo(config.sessionLimits());
    assertThat(serve().sessionLimits()).as("no limits by default").isEmpty();
  }

  @Test
  void mistakesNameTheKey() throws IOException {
    String[][] bad = {
        {"max-sessions-per-user: 0", AT + ".max-sessions-per-user must be a whole number of at least 1"},
        {"max-sessions-per-user: -3", AT + ".max-sessions-per-user must be a whole number"},
        {"max-sessions-per-user: 2.5", AT + ".max-sessions-per-user must be a whole number"},
        {"max-sessions-per-user: \"5\"", AT + ".max-sessions-per-user must be a whole number"},
        {"max-sessions-per-user: five", AT + ".max-sessions-per-user must be a whole number"},
        {"max-sessions-per-user: 99999999999", AT + ".max-sessions-per-user must be a whole number"},
        {"max-sessions-per-user: [5]", AT + ".max-sessions-per-user must be a whole number"},
        {"max-sessions-per-user: 5\n      session-limit-policy: evict",
            AT + ".session-limit-policy must be deny_new or evict_oldest"},
        {"max-sessions-per-user: 5\n      session-limit-policy: DENY_NEW",
            AT + ".session-limit-policy must be deny_new or evict_oldest"},
        {"max-sessions-per-user: 5\n      session-limit-policy: 1",
            AT + ".session-limit-policy must be deny_new or evict_oldest"},
        {"max-sessions-per-user: 5\n      session-limit-per-client-type: maybe",
            AT + ".session-limit-per-client-type must be true or false"},
        {"max-sessions-per-user: 5\n      session-limit-per-client-type: 1",
            AT + ".session-limit-per-client-type must be true or false"},
        {"session-limit-policy: evict_oldest",
            AT + ": session-limit-policy needs max-sessions-per-user"},
        {"session-limit-per-client-type: true",
            AT + ": session-limit-per-client-type needs max-sessions-per-user"},
        {"max-sessions: 5", "unknown key '" + AT + ".max-sessions'"},
    };
    for (String[] c : bad) {
      Path file = yaml("sessions:\n  tenants:\n    acme:\n      " + c[0] + "\n");
      assertThatThrownBy(() -> serve("--config", file.toString())).as(c[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void theBuilderChecksTenantIds() {
    assertThatThrownBy(() -> ServerConfig.builder()
        .sessionLimit("a b", new SessionLimit(1, Policy.DENY_NEW, false)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant id");
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("sessiond.yaml"), text);
  }

  private static ServerConfig serve(String... flags) {
    return CliRuns.serve(Map.of(), flags);
  }
}
