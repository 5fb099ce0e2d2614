package dev.sessiond.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.server.ApiClient;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sessiond keys rotate}: rotates in the store without a server, prints the new kid, and a
 * server started on that store signs with it.
 */
class KeysRotateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void rotatesInTheStoreAndAServerSignsWithTheNewKey() throws IOException {
    Path dataDir = dir.resolve("data");
    String before;
    try (SessiondServer server = start(dataDir)) {
      before = kid(ApiClient.of(server).open("{\"tenantId\":\"t\",\"userId\":\"u\"}").accessToken());
    }
    CliRuns.Run run = CliRuns.run(Map.of(), "keys", "rotate", "--data-dir", dataDir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String kid = run.out().strip();
    assertThat(kid).matches("[0-9a-f]{32}").isNotEqualTo(before);
    assertThat(run.err()).contains("EdDSA").contains(kid).contains("next sweep");

    try (SessiondServer server = start(dataDir)) {
      ApiClient api = ApiClient.of(server);
      assertThat(kid(api.open("{\"tenantId\":\"t\",\"userId\":\"u\"}").accessToken())).isEqualTo(kid);
      assertThat(JSON.readTree(api.get("/.well-known/jwks.json").body()).get("keys")
          .findValuesAsText("kid")).contains(before, kid);
    }
  }

  @Test
  void theAlgorithmComesFromTheFlagOrTheConfiguration() throws IOException {
    Path config = Files.writeString(dir.resolve("sessiond.yaml"), "data-dir: " + dir.resolve("d")
        + "\ntokens:\n  algorithm: RS256\n");
    CliRuns.Run fromConfig = CliRuns.run(Map.of(), "keys", "rotate", "--config", config.toString());
    assertThat(fromConfig.exitCode()).as(fromConfig.err()).isZero();
    assertThat(fromConfig.err()).contains("RS256");
    CliRuns.Run fromFlag = CliRuns.run(Map.of("SESSIOND_CONFIG", config.toString()), "keys", "rotate",
        "--algorithm", "es256", "--store", "sqlite:" + dir.resolve("d").resolve("sessiond.db"));
    assertThat(fromFlag.exitCode()).as(fromFlag.err()).isZero();
    assertThat(fromFlag.err()).contains("ES256");
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRuns.Run badAlgorithm = CliRuns.run(Map.of(), "keys", "rotate", "--data-dir", dir.toString(),
        "--algorithm", "HS256");
    assertThat(badAlgorithm.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(badAlgorithm.err()).contains("--algorithm must be one of EdDSA, ES256, RS256");
    CliRuns.Run memory = CliRuns.run(Map.of(), "keys", "rotate", "--data-dir", dir.toString(), "--store", "memory:");
    assertThat(memory.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(memory.err()).contains("POST /v1/keys/rotate");
    CliRuns.Run noSubcommand = CliRuns.run(Map.of(), "keys");
    assertThat(noSubcommand.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    CliRuns.Run badKek = CliRuns.run(Map.of("SESSIOND_KEY_ENCRYPTION_KEY", "dG9vLXNob3J0"), "keys", "rotate",
        "--data-dir", dir.toString());
    assertThat(badKek.exitCode()).isEqualTo(SessiondCommand.EXIT_USAGE);
    assertThat(badKek.err()).contains("SESSIOND_KEY_ENCRYPTION_KEY").doesNotContain("dG9vLXNob3J0");
    CliRuns.Run help = CliRuns.run(Map.of(), "keys", "rotate", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--algorithm", "--data-dir", "--config", "--store");
  }

  private static SessiondServer start(Path dataDir) {
    return SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dataDir).build());
  }

  private static String kid(String jwt) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))))
        .get("kid").asText();
  }
}
