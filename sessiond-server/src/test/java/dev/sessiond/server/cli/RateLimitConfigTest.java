package dev.sessiond.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.server.RateLimits;
import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Rate;
import dev.sessiond.server.RateLimits.Scope;
import dev.sessiond.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rate-limits:} section: none by default, every form of rate, every mistake named. */
class RateLimitConfigTest {
  @TempDir
  Path dir;

  @Test
  void nothingIsLimitedByDefault() {
    assertThat(serve().rateLimits()).isEqualTo(RateLimits.none());
    assertThat(RateLimits.none().isNone()).isTrue();
  }

  @Test
  void limitsAreReadWithTheirBursts() throws IOException {
    ServerConfig config = serve("--config", yaml("rate-limits:\n"
        + "  open:       { per-key: 200/s, per-ip: 20/s, per-ip-burst: 40 }\n"
        + "  refresh:\n"
        + "    per-ip: 600/m\n"
        + "    per-key: 0.5/s\n"
        + "  introspect: { per-key: 5000/s, per-key-burst: 10000, per-ip: 30/h }\n").toString());

    assertThat(config.rateLimits()).isEqualTo(RateLimits.none()
        .with(Operation.OPEN, Scope.KEY, Rate.perSecond(200, 200))
        .with(Operation.OPEN, Scope.IP, Rate.perSecond(20, 40))
        .with(Operation.REFRESH, Scope.IP, Rate.perSecond(10, 10))
        .with(Operation.REFRESH, Scope.KEY, Rate.perSecond(0.5, 1))
        .with(Operation.INTROSPECT, Scope.KEY, Rate.perSecond(5000, 10000))
        .with(Operation.INTROSPECT, Scope.IP, Rate.perSecond(30.0 / 3600, 1)));
    assertThat(config.toBuilder().build().rateLimits()).isEqualTo(config.rateLimits());
    assertThat(config.toString()).contains("open per KEY: 200.0/s burst 200");
  }

  @Test
  void anOperationLeftOutIsUnlimited() throws IOException {
    ServerConfig config = serve("--config", yaml("rate-limits:\n  refresh: { per-ip: 1/s }\n")
        .toString());
    assertThat(config.rateLimits().limits(Operation.REFRESH)).isTrue();
    assertThat(config.rateLimits().limits(Operation.OPEN)).isFalse();
    assertThat(config.rateLimits().limits(Operation.INTROSPECT)).isFalse();
    assertThat(config.rateLimits().limit(Operation.REFRESH, Scope.KEY)).isEmpty();
    assertThat(serve("--config", yaml("rate-limits:\n").toString()).rateLimits())
        .isEqualTo(RateLimits.none());
  }

  @Test
  void mistakesNameTheKey() throws IOException {
    String at = "rate-limits.open";
    String rateForm = "must be a number of calls per second, minute or hour, such as 20/s";
    String[][] bad = {
        {"per-key: 20", at + ".per-key " + rateForm},
        {"per-key: 20/d", at + ".per-key " + rateForm},
        {"per-key: 20 per second", at + ".per-key " + rateForm},
        {"per-key: -1/s", at + ".per-key " + rateForm},
        {"per-key: 1e3/s", at + ".per-key " + rateForm},
        {"per-key: \"\"", at + ".per-key " + rateForm},
        {"per-ip: 0/s", at + ".per-ip must be from 1/h to 1000000/s"},
        {"per-ip: 0.5/h", at + ".per-ip must be from 1/h to 1000000/s"},
        {"per-ip: 1000001/s", at + ".per-ip must be from 1/h to 1000000/s"},
        {"per-key: 1/s\n    per-key-burst: 0", at + ".per-key-burst must be a whole number from 1 to 1000000"},
        {"per-key: 1/s\n    per-key-burst: 2.5", at + ".per-key-burst must be a whole number"},
        {"per-key: 1/s\n    per-key-burst: \"40\"", at + ".per-key-burst must be a whole number"},
        {"per-key: 1/s\n    per-key-burst: 1000001", at + ".per-key-burst must be a whole number"},
        {"per-ip: 1/s\n    per-ip-burst: [4]", at + ".per-ip-burst must be a whole number"},
        {"per-ip-burst: 4", at + ".per-ip-burst needs " + at + ".per-ip"},
        {"per-ip: 1/s\n    per-key-burst: 4", at + ".per-key-burst needs " + at + ".per-key"},
        {"burst: 4", "unknown key '" + at + ".burst'"},
        {"per-user: 1/s", "unknown key '" + at + ".per-user'"},
        {"per-key: [1/s]", "'" + at + ".per-key' has the wrong type"},
    };
    for (String[] c : bad) {
      assertRejected("rate-limits:\n  open:\n    " + c[0] + "\n", c[1]);
    }
  }

  @Test
  void sectionMistakesNameTheKey() throws IOException {
    String[][] bad = {
        {"rate-limits:\n  open:\n", "rate-limits.open must set per-key or per-ip"},
        {"rate-limits:\n  open: {}\n", "rate-limits.open must set per-key or per-ip"},
        {"rate-limits:\n  login: { per-ip: 1/s }\n", "unknown key 'rate-limits.login'"},
        {"rate-limits:\n  open: 5/s\n", "'rate-limits.open' has the wrong type"},
        {"rate-limits: 5/s\n", "'rate-limits' has the wrong type"},
    };
    for (String[] c : bad) {
      assertRejected(c[0], c[1]);
    }
    assertRejected("rate-limits:\n  login: { per-ip: 1/s }\n",
        "known keys here: introspect, open, refresh");
  }

  private void assertRejected(String text, String message) throws IOException {
    Path file = yaml(text);
    assertThatThrownBy(() -> serve("--config", file.toString())).as(text)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(message);
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("sessiond.yaml"), text);
  }

  private static ServerConfig serve(String... flags) {
    return CliRuns.serve(Map.of(), flags);
  }
}
