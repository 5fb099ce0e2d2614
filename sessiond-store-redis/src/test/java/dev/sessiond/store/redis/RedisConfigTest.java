package dev.sessiond.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisConfigTest {

  @Test
  void aPlainUrlTakesTheDefaults() {
    RedisConfig config = RedisConfig.fromUrl("redis://127.0.0.1");

    assertThat(config).isEqualTo(new RedisConfig(List.of("127.0.0.1:6379"), false, false, null,
        null, 0, RedisConfig.DEFAULT_PREFIX, RedisConfig.DEFAULT_TIMEOUT));
  }

  @Test
  void everyPartIsRead() {
    RedisConfig config =
        RedisConfig.fromUrl("rediss://ops:s%40cret@cache.internal:6380/3?prefix=app1:&timeout=500ms");

    assertThat(config.nodes()).containsExactly("cache.internal:6380");
    assertThat(config.tls()).isTrue();
    assertThat(config.cluster()).isFalse();
    assertThat(config.username()).isEqualTo("ops");
    assertThat(config.password()).isEqualTo("s@cret");
    assertThat(config.database()).isEqualTo(3);
    assertThat(config.keyPrefix()).isEqualTo("app1:");
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aPasswordAloneAndIsoTimeouts() {
    RedisConfig config = RedisConfig.fromUrl("redis://:pw@h:1/?timeout=PT3S");

    assertThat(config.username()).isNull();
    assertThat(config.password()).isEqualTo("pw");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(RedisConfig.fromUrl("redis://h?timeout=2s").timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aClusterUrlListsItsNodes() {
    RedisConfig config = RedisConfig.fromUrl(
        "redis-cluster://u:p@10.0.0.1:7001,10.0.0.2:7002,[::1]:7003?prefix=x");

    assertThat(config.cluster()).isTrue();
    assertThat(config.nodes()).containsExactly("10.0.0.1:7001", "10.0.0.2:7002", "[::1]:7003");
    assertThat(config.keyPrefix()).isEqualTo("x");
    assertThat(RedisConfig.fromUrl("rediss-cluster://h:7001").tls()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://h                              | scheme 'http'",
      "h:6379                                | not a Redis URL",
      "redis://                              | no host",
      "redis://a:1,b:2                       | redis-cluster://",
      "redis-cluster://a:1,,b:2              | empty host",
      "redis://h/x                           | database 'x'",
      "redis-cluster://h:1/2                 | only database 0",
      "redis://h?timeout=soon                | timeout 'soon'",
      "redis://h?timeout=0s                  | must be positive",
      "redis://h?pool=3                      | parameter 'pool'",
      "redis://h?prefix=a{b                  | '{' or '}'",
      "redis://h:port                        | node 'h:port'",
  })
  void badUrlsAreRefusedNamingTheBadPart(String url, String named) {
    assertThatThrownBy(() -> RedisConfig.fromUrl(url)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named.trim());
  }

  @Test
  void thePasswordIsNeverShown() {
    String secret = "hunter2-very-secret";
    RedisConfig config = RedisConfig.fromUrl("redis://alice:" + secret + "@h:6379");

    assertThat(config.toString()).doesNotContain(secret).contains("alice").contains("****");
    assertThatThrownBy(() -> RedisConfig.fromUrl("redis://alice:" + secret + "@h:6379/zz"))
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> RedisConfig.fromUrl("redis://alice:" + secret + "@h?bad=1"))
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> RedisConfig.fromUrl("redis://alice:%zz" + secret + "@h"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(secret);
    assertThatThrownBy(() -> RedisConfig.fromUrl("redis://alice:pa?ss" + secret + "@h"))
        .as("a raw '?' in the password").isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(secret);
  }
}
