package dev.sessiond.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
  @Test
  void anEmptyEnvironmentGivesTheDefaults() {
    ClientConfig config = ClientConfig.fromEnvironment(Map.of());

    assertThat(config.url()).isEqualTo(URI.create("http://127.0.0.1:7233"));
    assertThat(config.apiKey()).isNull();
    assertThat(config.tenantId()).isNull();
    assertThat(config.failMode()).isEqualTo(FailMode.CLOSED);
    assertThat(config.maxStaleness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.requestTimeout()).isEqualTo(ClientConfig.DEFAULT_REQUEST_TIMEOUT);
  }

  @Test
  void readsEachVariable() {
    assertThat(ClientConfig.fromEnvironment(Map.of("SESSIOND_URL", " https://s.example:8443 ")).url())
        .isEqualTo(URI.create("https://s.example:8443"));
    assertThat(ClientConfig.fromEnvironment(Map.of("SESSIOND_API_KEY", "sk_abc")).apiKey())
        .isEqualTo("sk_abc");
    assertThat(ClientConfig.fromEnvironment(Map.of("SESSIOND_TENANT_ID", "acme")).tenantId())
        .isEqualTo("acme");
    assertThat(ClientConfig.fromEnvironment(Map.of("SESSIOND_FAIL_MODE", " Open ")).failMode())
        .isEqualTo(FailMode.OPEN);
    assertThat(ClientConfig.fromEnvironment(Map.of("SESSIOND_MAX_STALENESS", "500ms")).maxStaleness())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(ClientConfig.fromEnvironment(Map.of("SESSIOND_MAX_STALENESS", "2m")).maxStaleness())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void blankValuesCountAsAbsent() {
    ClientConfig config = ClientConfig.fromEnvironment(Map.of("SESSIOND_URL", " ",
        "SESSIOND_API_KEY", "", "SESSIOND_TENANT_ID", "  ", "SESSIOND_FAIL_MODE", "",
        "SESSIOND_MAX_STALENESS", " "));

    assertThat(config).isEqualTo(ClientConfig.fromEnvironment(Map.of()));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> ClientConfig.fromEnvironment(Map.of("SESSIOND_URL", "ftp://x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SESSIOND_URL");
    assertThatThrownBy(() -> ClientConfig.fromEnvironment(Map.of("SESSIOND_URL", "http://bad host")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SESSIOND_URL");
    assertThatThrownBy(() -> ClientConfig.fromEnvironment(Map.of("SESSIOND_FAIL_MODE", "maybe")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SESSIOND_FAIL_MODE");
    assertThatThrownBy(() -> ClientConfig.fromEnvironment(Map.of("SESSIOND_MAX_STALENESS", "5 parsecs")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SESSIOND_MAX_STALENESS");
    assertThatThrownBy(() -> ClientConfig.fromEnvironment(Map.of("SESSIOND_MAX_STALENESS", "0s")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SESSIOND_MAX_STALENESS");
  }

  @Test
  void neverShowsTheKey() {
    ClientConfig config = ClientConfig.builder().apiKey("sk_secret").build();

    assertThat(config.toString()).doesNotContain("sk_secret");
    assertThat(SessiondClient.create(config).toString()).doesNotContain("sk_secret");
  }
}
