package dev.sessiond.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit-retention} and {@code max-support-grant}: defaults, bounds, errors by key. */
class AuditAndGrantConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaults() {
    ServerConfig config = serve();
    assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(config.maxSupportGrant()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void valuesAreReadUpToTheirBounds() throws IOException {
    ServerConfig config = serve("--config",
        yaml("audit-retention: 1d\nmax-support-grant: 366d\n").toString());
    assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(1));
    assertThat(config.maxSupportGrant()).isEqualTo(Duration.ofDays(366));
    assertThat(config.toBuilder().build()).isEqualTo(config);

    ServerConfig other = serve("--config",
        yaml("audit-retention: 3650d\nmax-support-grant: 1m\n").toString());
    assertThat(other.auditRetention()).isEqualTo(Duration.ofDays(3650));
    assertThat(other.maxSupportGrant()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void mistakesNameTheKey() throws IOException {
    String[][] bad = {
        {"audit-retention: 23h", "audit-retention must be at least 1d"},
        {"audit-retention: 0d", "audit-retention must be at least 1d"},
        {"audit-retention: 90", "audit-retention must be a whole number and a unit"},
        {"audit-retention: P90D", "audit-retention must be a whole number and a unit"},
        {"max-support-grant: 59s", "max-support-grant must be from 1m to 366d"},
        {"max-support-grant: 367d", "max-support-grant must be from 1m to 366d"},
        {"max-support-grant: 30 days", "max-support-grant must be a whole number and a unit"},
        {"max-support-grant: [30d]", "'max-support-grant' has the wrong type"},
        {"audit-retension: 90d", "unknown key 'audit-retension'"},
    };
    for (String[] c : bad) {
      Path file = yaml(c[0] + "\n");
      assertThatThrownBy(() -> serve("--config", file.toString())).as(c[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void theBuilderChecksTheBoundsToo() {
    assertThatThrownBy(() -> ServerConfig.builder().auditRetention(Duration.ofHours(23)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 day");
    assertThatThrownBy(() -> ServerConfig.builder().maxSupportGrant(Duration.ofSeconds(59)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 minute to 366 days");
    assertThatThrownBy(() -> ServerConfig.builder().maxSupportGrant(Duration.ofDays(367)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 minute to 366 days");
    assertThatThrownBy(() -> ServerConfig.builder().rateLimits(null).build())
        .isInstanceOf(NullPointerException.class).hasMessageContaining("rateLimits");
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("sessiond.yaml"), text);
  }

  private static ServerConfig serve(String... flags) {
    return CliRuns.serve(Map.of(), flags);
  }
}
