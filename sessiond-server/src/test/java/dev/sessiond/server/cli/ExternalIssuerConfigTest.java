package dev.sessiond.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ExternalIssuer;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import dev.sessiond.server.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sessions.tenants.<id>.external-issuers} in the YAML file: parsed with defaults, JWKS files
 * relative to the config file, and every mistake a configuration error that names the tenant and
 * the issuer.
 */
class ExternalIssuerConfigTest {
  private static final String IDP = "https://idp.example.test";

  @TempDir
  Path dir;

  @Test
  void issuersAreReadWithTheirDefaultsAndRelativeJwksFilesResolveAgainstTheConfigFile()
      throws IOException {
    Path confDir = Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(confDir.resolve("keys"));
    TestIssuer.create(IDP, confDir.resolve("keys/idp.json"));
    Path file = Files.writeString(confDir.resolve("sessiond.yaml"), "sessions:\n"
        + "  tenants:\n"
        + "    acme:\n"
        + "      external-issuers:\n"
        + "        - issuer: " + IDP + "\n"
        + "          jwks: keys/idp.json\n"
        + "          audience: api://acme\n"
        + "          session-claim: sid\n"
        + "          username-claim: email\n"
        + "        - issuer: https://login.example.test/v2\n"
        + "          jwks: https://login.example.test/v2/keys\n"
        + "    globex:\n"
        + "      idle-timeout: 5m\n"
        + "      external-issuers:\n"
        + "        - { issuer: " + IDP + ", jwks: " + confDir.resolve("keys/idp.json") + " }\n");

    ServerConfig config = CliRuns.serve(Map.of(), "--config", file.toString());

    URI jwks = confDir.resolve("keys/idp.json").toAbsolutePath().toUri();
    assertThat(config.externalIssuers()).containsExactly(
        new ExternalIssuer("acme", IDP, "api://acme", jwks, "sid", "email"),
        ExternalIssuer.of("acme", "https://login.example.test/v2",
            URI.create("https://login.example.test/v2/keys")),
        ExternalIssuer.of("globex", IDP, jwks));
    assertThat(config.engineSettings().tenantPolicies()).as("issuers alone set no timeouts")
        .containsOnlyKeys("globex");
    assertThat(config.toString()).contains("acme:" + IDP);
  }

  @Test
  void mistakesAreNamedByTenantAndIssuer() throws IOException {
    Path good = dir.resolve("good.json");
    TestIssuer.create(IDP, good);
    Files.writeString(dir.resolve("not-jwks.json"), "{\"issuer\":\"x\"}");
    Files.writeString(dir.resolve("no-keys.json"), "{\"keys\":[]}");
    Files.writeString(dir.resolve("not-json.json"), "-----BEGIN PUBLIC KEY-----");
    String at = "sessions.tenants.acme.external-issuers[0]";
    String named = at + " (issuer " + IDP + ")";
    String[][] bad = {
        {"jwks-url: https://x/jwks", "unknown key '" + at + ".jwks-url'", "jwks"},
        {"jwks: " + good, at + ".issuer is required", ""},
        {"issuer: \" \"\n          jwks: " + good, at + ".issuer is required", ""},
        {"issuer: " + IDP, named + ": jwks is required", ""},
        {"issuer: " + IDP + "\n          jwks: missing.json", named, "does not exist"},
        {"issuer: " + IDP + "\n          jwks: " + dir, named, "cannot be read"},
        {"issuer: " + IDP + "\n          jwks: not-jwks.json", named, "is not a JWK set"},
        {"issuer: " + IDP + "\n          jwks: not-json.json", named, "is not a JWK set"},
        {"issuer: " + IDP + "\n          jwks: no-keys.json", named, "holds no keys"},
        {"issuer: " + IDP + "\n          jwks: https://", named, "not a valid URL"},
        {"issuer: " + IDP + "\n          jwks: https:///jwks", named, "no host"},
        {"issuer: " + IDP + "\n          jwks: \"https://a b/\"", named, "not a valid URL"},
        {"issuer: " + IDP + "\n          jwks: https://user:pw@idp/jwks", named, "credentials"},
        {"issuer: " + IDP + "\n          jwks: ftp://idp/jwks", named, "https: or http: URL"},
        {"issuer: " + IDP + "\n          jwks: " + good + "\n          session-claim: \"\"", named,
            "session-claim must not be blank"},
        {"issuer: " + IDP + "\n          jwks: " + good + "\n          audience: \" \"", named,
            "audience must not be blank"},
        {"issuer: [" + IDP + "]\n          jwks: " + good, at + ".issuer' has the wrong type", ""},
    };
    for (String[] c : bad) {
      Path file = yaml("sessions:\n  tenants:\n    acme:\n      external-issuers:\n        - "
          + c[0] + "\n");
      assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", file.toString())).as(c[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[1]).hasMessageContaining(c[2]);
    }
    Path twice = yaml("sessions:\n  tenants:\n    acme:\n      external-issuers:\n"
        + "        - { issuer: " + IDP + ", jwks: " + good + " }\n"
        + "        - { issuer: " + IDP + ", jwks: https://idp.example.test/jwks }\n");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", twice.toString()))
        .hasMessageContaining("tenant acme lists external issuer " + IDP + " more than once");
    Path notAList = yaml("sessions:\n  tenants:\n    acme:\n      external-issuers: " + IDP + "\n");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", notAList.toString()))
        .hasMessageContaining("sessions.tenants.acme.external-issuers' has the wrong type");
    Path empty = yaml("sessions:\n  tenants:\n    acme:\n      external-issuers:\n        -\n");
    assertThatThrownBy(() -> CliRuns.serve(Map.of(), "--config", empty.toString()))
        .hasMessageContaining(at + " must set issuer and jwks");
  }

  @Test
  void serveAndKeysRotateExitWithTheConfigurationErrorCode() throws IOException {
    Path file = yaml("data-dir: " + dir.resolve("data") + "\n"
        + "sessions:\n  tenants:\n    acme:\n      external-issuers:\n"
        + "        - { issuer: " + IDP + ", jwks: gone.json }\n");
    for (String[] args : new String[][] {{"serve", "--port", "0", "--config", file.toString()},
        {"keys", "rotate", "--config", file.toString()}}) {
      CliRuns.Run run = CliRuns.run(Map.of(), args);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(SessiondCommand.EXIT_USAGE);
      assertThat(run.err()).startsWith("sessiond: config file")
          .contains("sessions.tenants.acme.external-issuers[0] (issuer " + IDP + ")")
          .contains(dir.resolve("gone.json").toString()).contains("does not exist");
    }
    TestIssuer.create(IDP, dir.resolve("gone.json"));
    CliRuns.Run rotated = CliRuns.run(Map.of(), "keys", "rotate", "--config", file.toString());
    assertThat(rotated.exitCode()).as("with the file in place: %s", rotated.err()).isZero();
  }

  @Test
  void aServerConfiguredInCodeNamesTheTenantAndIssuerOfABadJwksFile() {
    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dir.resolve("data"))
        .externalIssuer(ExternalIssuer.of("acme", IDP, dir.resolve("absent.json").toUri()))
        .build();
    assertThatThrownBy(() -> SessiondServer.start(config).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("external issuer " + IDP + " of tenant acme")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> ServerConfig.builder()
        .externalIssuer(ExternalIssuer.of("a b", IDP, URI.create("https://idp/jwks"))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant id");
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("sessiond.yaml"), text);
  }
}
