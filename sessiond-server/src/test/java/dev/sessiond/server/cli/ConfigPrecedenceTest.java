package dev.sessiond.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.SessionPolicy;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.TokenConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, then the YAML file, then the environment, then flags; and clear config errors. */
class ConfigPrecedenceTest {
  @TempDir
  Path dir;

  @Test
  void defaultsWithNothingSet() {
    ServerConfig config = CliRuns.serve(Map.of());
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(7233);
    assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.effectiveStoreUrl()).isEqualTo("sqlite:" + Path.of("data", "sessiond.db"));
    assertThat(config.adminKey()).isNull();
    assertThat(config.bodyLimitBytes()).isEqualTo(65536);
    assertThat(config.engineSettings().defaultPolicy())
        .isEqualTo(new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12)));
    assertThat(config.engineSettings().touchInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.engineSettings().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.tokens()).isEqualTo(TokenConfig.DEFAULT);
    assertThat(config.tokens().issuer()).isEqualTo("sessiond");
    assertThat(config.tokens().accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.tokens().algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
    assertThat(config.tokens().refreshGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.tokens().keyRotationInterval()).isEqualTo(Duration.ofDays(30));
    assertThat(config.keyEncryptionKey()).isNull();
  }

  @Test
  void tokenSettingsFromTheFileAndTheKeyEncryptionKeyFromFileOrEnvironment() throws IOException {
    String fileKek = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    String envKek = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    Path file = yaml("key-encryption-key: " + fileKek + "\n"
        + "tokens:\n"
        + "  issuer: https://auth.example\n"
        + "  access-token-ttl: 2m\n"
        + "  algorithm: es256\n"
        + "  refresh-grace: 0s\n"
        + "  key-rotation-interval: 7d\n"
        + "sessions:\n"
        + "  tenants:\n"
        + "    acme: { access-token-ttl: 1m, algorithm: RS256 }\n"
        + "    globex: { idle-timeout: 1h, algorithm: EdDSA }\n");
    ServerConfig config = CliRuns.serve(Map.of(), "--config", file.toString());
    TokenConfig tokens = config.tokens();
    assertThat(tokens.issuer()).isEqualTo("https://auth.example");
    assertThat(tokens.accessTokenTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(tokens.algorithm()).isEqualTo(SigningAlgorithm.ES256);
    assertThat(tokens.refreshGrace()).isZero();
    assertThat(tokens.keyRotationInterval()).isEqualTo(Duration.ofDays(7));
    assertThat(tokens.tenantAccessTokenTtls()).isEqualTo(Map.of("acme", Duration.ofMinutes(1)));
    assertThat(tokens.tenantAlgorithms()).isEqualTo(
        Map.of("acme", SigningAlgorithm.RS256, "globex", SigningAlgorithm.EDDSA));
    assertThat(config.engineSettings().tenantPolicies()).as("token keys alone set no timeouts")
        .containsOnlyKeys("globex");
    assertThat(config.keyEncryptionKey()).isEqualTo(fileKek);
    assertThat(config.toString()).doesNotContain(fileKek);

    ServerConfig fromEnv = CliRuns.serve(Map.of("SESSIOND_KEY_ENCRYPTION_KEY", envKek), "--config",
        file.toString());
    assertThat(fromEnv.keyEncryptionKey()).isEqualTo(envKek);
    assertThat(fromEnv.toString()).doesNotContain(envKek);
  }

  @Test
  void badTokenSettingsAndKeyEncryptionKeysAreNamedButNeverEchoed() throws IOException {
    String[][] bad = {
        {"tokens:\n  algorithm: HS256\n", "tokens.algorithm", "EdDSA, ES256, RS256"},
        {"tokens:\n  algorithm: none\n", "tokens.algorithm", "EdDSA, ES256, RS256"},
        {"tokens:\n  refresh-grace: 301s\n", "tokens.refresh-grace", "300s"},
        {"tokens:\n  refresh-grace: 5\n", "tokens.refresh-grace", "unit"},
        {"tokens:\n  access-token-ttl: 0s\n", "tokens.access-token-ttl", "positive"},
        {"tokens:\n  key-rotation-interval: 0d\n", "tokens.key-rotation-interval", "positive"},
        {"tokens:\n  issuer: \" \"\n", "tokens.issuer", "blank"},
        {"tokens:\n  ttl: 5m\n", "unknown key 'tokens.ttl'", "access-token-ttl"},
        {"sessions:\n  tenants:\n    acme: { algorithm: HS512 }\n", "sessions.tenants.acme.algorithm",
            "RS256"},
        {"sessions:\n  tenants:\n    acme: { access-token-ttl: 0m }\n",
            "sessions.tenants.acme.access-token-ttl", "positive"},
        {"sessions:\n  tenants:\n    acme:\n", "sessions.tenants.acme", "access-token-ttl"},
        {"key-encryption-key: c2hvcnQ=\n", "key-encryption-key", "32 bytes"},
    };
    for (String[] c : bad) {
      Path file = Files.writeString(dir.resolve("bad.yaml"), c[0]);
      assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", file.toString())).as(c[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[1]).hasMessageContaining(c[2]);
    }
    assertThatThrownBy(() -> CliRuns.serve(Map.of("SESSIOND_KEY_ENCRYPTION_KEY", "c2VjcmV0LXZhbHVl")))
        .hasMessageContaining("SESSIOND_KEY_ENCRYPTION_KEY").hasMessageContaining("32 bytes")
        .hasMessageNotContaining("c2VjcmV0LXZhbHVl");
    assertThatThrownBy(() -> CliRuns.serve(Map.of("SESSIOND_KEY_ENCRYPTION_KEY", "not base64 at all!")))
        .hasMessageContaining("SESSIOND_KEY_ENCRYPTION_KEY").hasMessageNotContaining("at all");
    CliRuns.Run run = CliRuns.run(Map.of("SESSIOND_KEY_ENCRYPTION_KEY", "c2VjcmV0LXZhbHVl"), "serve",
        "--data-dir", dir.toString());
    assertThat(run.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(run.err()).contains("SESSIOND_KEY_ENCRYPTION_KEY").doesNotContain("c2VjcmV0LXZhbHVl");
  }

  @Test
  void fileThenEnvironmentThenFlags() throws IOException {
    Path file = yaml("host: 127.0.0.3\n"
        + "port: 1111\n"
        + "data-dir: " + dir.resolve("from-file") + "\n"
        + "store: \"memory:\"\n"
        + "admin-key: key-from-the-file-0123456789\n"
        + "body-limit-bytes: 2048\n"
        + "worker-pool-size: 3\n"
        + "sessions:\n"
        + "  idle-timeout: 10m\n"
        + "  absolute-lifetime: 8h\n"
        + "  touch-interval: 5s\n"
        + "  retention: 7d\n"
        + "  sweep-interval: 500ms\n"
        + "  tenants:\n"
        + "    acme: { idle-timeout: 2m }\n"
        + "    globex:\n"
        + "      idle-timeout: 1h\n"
        + "      absolute-lifetime: 2d\n");

    ServerConfig fileOnly = CliRuns.serve(Map.of(), "--config", file.toString());
    assertThat(fileOnly.host()).isEqualTo("127.0.0.3");
    assertThat(fileOnly.port()).isEqualTo(1111);
    assertThat(fileOnly.dataDir()).isEqualTo(dir.resolve("from-file"));
    assertThat(fileOnly.effectiveStoreUrl()).isEqualTo("memory:");
    assertThat(fileOnly.adminKey()).isEqualTo("key-from-the-file-0123456789");
    assertThat(fileOnly.bodyLimitBytes()).isEqualTo(2048);
    assertThat(fileOnly.workerPoolSize()).isEqualTo(3);
    assertThat(fileOnly.engineSettings().defaultPolicy())
        .isEqualTo(new SessionPolicy(Duration.ofMinutes(10), Duration.ofHours(8)));
    assertThat(fileOnly.engineSettings().policyFor("acme"))
        .isEqualTo(new SessionPolicy(Duration.ofMinutes(2), Duration.ofHours(8)));
    assertThat(fileOnly.engineSettings().policyFor("globex"))
        .isEqualTo(new SessionPolicy(Duration.ofHours(1), Duration.ofDays(2)));
    assertThat(fileOnly.engineSettings().touchInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(fileOnly.engineSettings().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(fileOnly.sweepInterval()).isEqualTo(Duration.ofMillis(500));

    Map<String, String> env = Map.of(
        "SESSIOND_CONFIG", file.toString(),
        "SESSIOND_PORT", "2222",
        "SESSIOND_HOST", "127.0.0.4",
        "SESSIOND_DATA_DIR", dir.resolve("from-env").toString(),
        "SESSIOND_ADMIN_KEY", "key-from-the-environment-0123");
    ServerConfig fileAndEnv = CliRuns.serve(env);
    assertThat(fileAndEnv.port()).isEqualTo(2222);
    assertThat(fileAndEnv.host()).isEqualTo("127.0.0.4");
    assertThat(fileAndEnv.dataDir()).isEqualTo(dir.resolve("from-env"));
    assertThat(fileAndEnv.adminKey()).isEqualTo("key-from-the-environment-0123");
    assertThat(fileAndEnv.effectiveStoreUrl()).as("not overridden: still the file's")
        .isEqualTo("memory:");
    assertThat(fileAndEnv.bodyLimitBytes()).isEqualTo(2048);

    ServerConfig all = CliRuns.serve(env, "--port", "3333", "--data-dir", dir.resolve("from-flag").toString(),
        "--store", "sqlite:" + dir.resolve("flag.db"));
    assertThat(all.port()).isEqualTo(3333);
    assertThat(all.host()).isEqualTo("127.0.0.4");
    assertThat(all.dataDir()).isEqualTo(dir.resolve("from-flag"));
    assertThat(all.effectiveStoreUrl()).isEqualTo("sqlite:" + dir.resolve("flag.db"));
    assertThat(all.engineSettings().policyFor("acme").idleTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void configFlagWinsOverConfigEnvironmentVariable() throws IOException {
    Path fromEnv = yaml("port: 1\n");
    Path fromFlag = Files.writeString(dir.resolve("flag.yaml"), "port: 2\n");
    ServerConfig config = CliRuns.serve(Map.of("SESSIOND_CONFIG", fromEnv.toString()),
        "--config", fromFlag.toString());
    assertThat(config.port()).isEqualTo(2);
  }

  @Test
  void defaultStoreFollowsTheDataDirectoryFromAnySource() {
    ServerConfig config = CliRuns.serve(Map.of("SESSIOND_DATA_DIR", dir.toString()));
    assertThat(config.effectiveStoreUrl()).isEqualTo("sqlite:" + dir.resolve("sessiond.db"));
  }

  @Test
  void emptyEnvironmentValuesCountAsUnset() {
    ServerConfig config = CliRuns.serve(Map.of("SESSIOND_PORT", "", "SESSIOND_STORE", " "));
    assertThat(config.port()).isEqualTo(7233);
    assertThat(config.storeUrl()).isNull();
  }

  @Test
  void unknownKeysAreRejectedByName() throws IOException {
    Path top = yaml("prot: 7233\n");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", top.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(top.toString()).hasMessageContaining("unknown key 'prot'")
        .hasMessageContaining("port");
    Path nested = Files.writeString(dir.resolve("nested.yaml"), "sessions:\n  idle: 5m\n");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", nested.toString()))
        .hasMessageContaining("unknown key 'sessions.idle'").hasMessageContaining("idle-timeout");
    Path tenant = Files.writeString(dir.resolve("tenant.yaml"),
        "sessions:\n  tenants:\n    acme:\n      idle: 5m\n");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", tenant.toString()))
        .hasMessageContaining("unknown key 'sessions.tenants.acme.idle'");
  }

  @Test
  void badValuesAreNamed() throws IOException {
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config",
        Files.writeString(dir.resolve("d.yaml"), "sessions:\n  idle-timeout: PT30M\n").toString()))
        .hasMessageContaining("sessions.idle-timeout").hasMessageContaining("30m");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config",
        Files.writeString(dir.resolve("z.yaml"), "sessions:\n  idle-timeout: 0s\n").toString()))
        .hasMessageContaining("sessions").hasMessageContaining("positive");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config",
        Files.writeString(dir.resolve("p.yaml"), "port: [1]\n").toString()))
        .hasMessageContaining("'port' has the wrong type");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config",
        Files.writeString(dir.resolve("y.yaml"), "\"port: 1\n").toString()))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", dir.resolve("absent.yaml").toString()))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> CliRuns.serve(Map.of("SESSIOND_PORT", "seventy")))
        .hasMessageContaining("SESSIOND_PORT");
    assertThatThrownBy(() -> CliRuns.serve(Map.of("SESSIOND_PORT", "70000")))
        .hasMessageContaining("port must be between 0 and 65535");
    assertThatThrownBy(() -> CliRuns.serve(Map.of("SESSIOND_ADMIN_KEY", "short")))
        .hasMessageContaining("at least 16");
  }

  @Test
  void serveReportsConfigurationErrorsWithExitCodeTwo() throws IOException {
    Path bad = yaml("nope: 1\n");
    CliRuns.Run run = CliRuns.run(Map.of(), "serve", "--config", bad.toString());
    assertThat(run.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(run.err()).startsWith("sessiond: config file").contains("unknown key 'nope'");
  }

  @Test
  void unreachableRedisAndUnknownStoresFailToStartWithAClearMessage() {
    for (String url : new String[] {"redis://user:secret@127.0.0.1:1?timeout=1s",
        "redis-cluster://user:secret@127.0.0.1:1?timeout=1s"}) {
      CliRuns.Run run = CliRuns.run(Map.of(), "serve", "--data-dir", dir.toString(), "--port", "0", "--store", url);
      assertThat(run.exitCode()).as(url).isEqualTo(SessiondCommand.EXIT_START_FAILED);
      assertThat(run.err()).as(url).isNotBlank().doesNotContain("secret");
    }
    CliRuns.Run unknown = CliRuns.run(Map.of(), "serve", "--data-dir", dir.toString(), "--store", "mysql://x");
    assertThat(unknown.exitCode()).isEqualTo(SessiondCommand.EXIT_START_FAILED);
    assertThat(unknown.err()).contains("unknown store URL scheme 'mysql'");
  }

  @Test
  void anUnreachablePostgresFailsTheStartWithoutShowingThePassword() {
    CliRuns.Run run = CliRuns.run(Map.of(), "serve", "--data-dir", dir.toString(), "--port", "0",
        "--store", "postgres://postgres:hunter2-secret@127.0.0.1:1/test?connect-timeout=1s");

    assertThat(run.exitCode()).isEqualTo(SessiondCommand.EXIT_START_FAILED);
    assertThat(run.err()).isNotBlank().doesNotContain("hunter2-secret");
  }

  @Test
  void versionAndHelp() {
    CliRuns.Run version = CliRuns.run(Map.of(), "version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).matches("sessiond \\d+\\.\\d+\\.\\d+.*\\s*");
    CliRuns.Run help = CliRuns.run(Map.of(), "serve", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--port", "--data-dir", "--config", "--store", "--host");
    CliRuns.Run none = CliRuns.run(Map.of());
    assertThat(none.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("sessiond.yaml"), text);
  }
}
