package dev.sessiond.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.Caller;
import dev.sessiond.Method;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.internal.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sessiond apikey create|list|revoke} on a SQLite data directory without a server: the key
 * is shown once and never stored, it authenticates with its manifest's methods and tenant, and a
 * revoked key stops authenticating.
 */
class ApiKeyCommandsTest {
  private static final String PLAIN = """
      name: monitoring-plugin
      methods: [sessions.search, sessions.batch_get]
      """;
  private static final String HOST_SERVICES = """
      hostServices:
        - service: sessions
          methods: [sessions.search, sessions.batch_get]
        - service: blacklist
          methods: [blacklist.read]
      """;

  @TempDir
  Path dir;

  @Test
  void createsAKeyForOneTenantFromAPlainManifest() throws IOException {
    CliRuns.Run run = apikey("create", "--manifest", manifest(PLAIN).toString(), "--tenant", "acme");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String key = onlyLine(run.out());
    assertThat(key).matches("sk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    String id = key.substring(3, 19);
    assertThat(run.err()).contains(id, "tenant acme", "monitoring-plugin",
        "methods: sessions.search, sessions.batch_get", "shown only this once")
        .doesNotContain(key.substring(20));

    assertThat(storedBytes()).doesNotContain(key).doesNotContain(key.substring(20));
    Caller caller = authenticate(key).orElseThrow();
    assertThat(caller.kind()).isEqualTo(Caller.Kind.API_KEY);
    assertThat(caller.id()).isEqualTo(id);
    assertThat(caller.tenantId()).isEqualTo("acme");
    assertThat(caller.methods())
        .containsExactlyInAnyOrder(Method.SESSIONS_SEARCH, Method.SESSIONS_BATCH_GET);

    CliRuns.Run list = apikey("list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out().lines().toList()).singleElement().satisfies(line -> assertThat(
        List.of(line.split("\t"))).hasSize(6).startsWith(id, "acme", "live",
            "sessions.search,sessions.batch_get", "monitoring-plugin"));
    assertThat(list.out() + list.err()).doesNotContain(key.substring(20)).doesNotContain(sha256(key));
  }

  @Test
  void createsAKeyForEveryTenantFromAPluginManifestAndRevokesIt() throws IOException {
    CliRuns.Run run = apikey("create", "--manifest", manifest(HOST_SERVICES).toString(),
        "--all-tenants", "--name", "plugin host");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String key = onlyLine(run.out());
    assertThat(key).startsWith("sk_");
    String id = key.substring(3, 19);
    assertThat(run.err()).contains("every tenant", "plugin host", "blacklist.read");
    assertThat(storedBytes()).doesNotContain(key);
    Caller caller = authenticate(key).orElseThrow();
    assertThat(caller.allTenants()).isTrue();
    assertThat(caller.methods()).containsExactlyInAnyOrder(
        Method.SESSIONS_SEARCH, Method.SESSIONS_BATCH_GET, Method.BLACKLIST_READ);

    CliRuns.Run revoke = apikey("revoke", id);
    assertThat(revoke.exitCode()).as(revoke.err()).isZero();
    assertThat(revoke.out().strip()).isEqualTo(id);
    assertThat(revoke.err()).contains("revoked");
    assertThat(authenticate(key)).isEmpty();
    assertThat(apikey("list").out()).startsWith(id + "\t*\trevoked\t")
        .contains("\tplugin host\t");
    CliRuns.Run again = apikey("revoke", id);
    assertThat(again.exitCode()).as(again.err()).isZero();
  }

  @Test
  void anUnknownMethodIsRefusedByName() throws IOException {
    CliRuns.Run run = apikey("create", "--manifest",
        manifest("methods: [sessions.search, sessions.delete]\n").toString(), "--tenant", "acme");
    assertThat(run.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("unknown method 'sessions.delete'", "known methods:",
        "sessions.batch_get");
    assertThat(apikey("list").out()).isEmpty();
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    String manifest = manifest(PLAIN).toString();
    CliRuns.Run both = apikey("create", "--manifest", manifest, "--tenant", "acme", "--all-tenants");
    assertThat(both.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(both.err()).contains("--tenant", "--all-tenants", "mutually exclusive");
    CliRuns.Run neither = apikey("create", "--manifest", manifest);
    assertThat(neither.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(neither.err()).contains("--tenant", "--all-tenants");
    CliRuns.Run noManifest = apikey("create", "--tenant", "acme");
    assertThat(noManifest.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(noManifest.err()).contains("--manifest");
    CliRuns.Run missingFile = apikey("create", "--manifest", dir.resolve("nope.yaml").toString(),
        "--tenant", "acme");
    assertThat(missingFile.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(missingFile.err()).contains("nope.yaml does not exist");
    CliRuns.Run badTenant = apikey("create", "--manifest", manifest, "--tenant", "a cme");
    assertThat(badTenant.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(badTenant.err()).contains("tenantId");
    CliRuns.Run memory = CliRuns.run(Map.of(), "apikey", "list", "--store", "memory:");
    assertThat(memory.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(memory.err()).contains("/v1/api-keys");
    assertThat(CliRuns.run(Map.of(), "apikey").exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    CliRuns.Run help = CliRuns.run(Map.of(), "apikey", "create", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--manifest", "--tenant", "--all-tenants", "--name",
        "--data-dir", "--config", "--store");
  }

  @Test
  void revokingAnUnknownKeyExitsWithOne() {
    CliRuns.Run run = apikey("revoke", "0123456789abcdef");
    assertThat(run.exitCode()).isEqualTo(ApiKeyCommands.EXIT_NO_SUCH_KEY).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("no API key with id '0123456789abcdef'");
  }

  @Test
  void theDataDirectoryComesFromTheEnvironmentToo() throws IOException {
    Path manifest = manifest(PLAIN);
    CliRuns.Run run = CliRuns.run(Map.of("SESSIOND_DATA_DIR", dataDir().toString()), "apikey",
        "create", "--manifest", manifest.toString(), "--tenant", "acme");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(authenticate(onlyLine(run.out()))).isPresent();
  }

  private CliRuns.Run apikey(String... args) {
    String[] all = Stream.concat(Stream.of("apikey"),
        Stream.concat(Stream.of(args), Stream.of("--data-dir", dataDir().toString())))
        .toArray(String[]::new);
    return CliRuns.run(Map.of(), all);
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  private Path manifest(String yaml) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "manifest", ".yaml"), yaml);
  }

  /** Authenticates with a fresh engine on the data directory (no cache from an earlier one). */
  private Optional<Caller> authenticate(String key) {
    try (Backend backend = Backend.open(ServerConfig.builder().dataDir(dataDir()).build(),
        Clock.systemUTC())) {
      return backend.engine().authenticate(key);
    }
  }

  /** Every file under the data directory, as one Latin-1 string. */
  private String storedBytes() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(dataDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(all).isNotEmpty();
    return all.toString();
  }

  private static String onlyLine(String out) {
    assertThat(out.lines().toList()).hasSize(1);
    return out.strip();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
