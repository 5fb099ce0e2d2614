package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin key: generated once into data-dir/admin.key (0600), reused, or taken from config. */
class AdminKeyTest {
  @TempDir
  Path dataDir;

  @Test
  void generatedOnceWithOwnerOnlyPermissionsAndReusedOnRestart() throws IOException {
    Path file = dataDir.resolve("admin.key");
    String key;
    try (SessiondServer server = start(null)) {
      key = server.adminKey();
      assertThat(file).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(file).strip()).isEqualTo(key);
      assertThat(key).matches("[A-Za-z0-9_-]{43}");
      assertThat(ApiClient.of(server).get("/v1/sessions?tenantId=t").status()).isEqualTo(200);
    }
    try (SessiondServer again = start(null)) {
      assertThat(again.adminKey()).isEqualTo(key);
      assertThat(new ApiClient(again.port(), key).get("/v1/sessions?tenantId=t").status())
          .isEqualTo(200);
    }
  }

  @Test
  void configuredKeyWinsOverTheFile() throws IOException {
    Files.writeString(dataDir.resolve("admin.key"), "key-in-the-file-0123456789\n");
    try (SessiondServer server = start("configured-key-0123456789")) {
      assertThat(server.adminKey()).isEqualTo("configured-key-0123456789");
      ApiClient fileKey = new ApiClient(server.port(), "key-in-the-file-0123456789");
      ApiClient.Reply rejected = fileKey.get("/v1/sessions?tenantId=t");
      assertThat(rejected.status()).isEqualTo(401);
      assertThat(rejected.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(ApiClient.of(server).get("/v1/sessions?tenantId=t").status()).isEqualTo(200);
    }
  }

  @Test
  void existingKeyFileIsUsedAsWritten() throws IOException {
    Files.writeString(dataDir.resolve("admin.key"), "  a-key-someone-wrote-by-hand \n");
    try (SessiondServer server = start(null)) {
      assertThat(server.adminKey()).isEqualTo("a-key-someone-wrote-by-hand");
      ApiClient api = new ApiClient(server.port(), "a-key-someone-wrote-by-hand");
      assertThat(api.get("/v1/sessions?tenantId=t").status()).isEqualTo(200);
      assertThat(api.send("GET", "/v1/sessions?tenantId=t", null,
          Map.of("Authorization", "bearer a-key-someone-wrote-by-hand")).status())
          .as("the scheme is case-insensitive").isEqualTo(200);
    }
  }

  @Test
  void tooShortKeyFileStopsTheStart() throws IOException {
    Files.writeString(dataDir.resolve("admin.key"), "\n");
    assertThatThrownBy(() -> start(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("admin.key").hasMessageContaining("shorter than 16");
  }

  private SessiondServer start(String adminKey) {
    return SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dataDir).adminKey(adminKey).build());
  }
}
