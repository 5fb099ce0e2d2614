package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.server.ApiClient.Opened;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-encryption key that protects signing keys at rest: generated once into
 * data-dir/signing.kek (0600) and reused, so a restarted server signs with the key it stored; or
 * configured, in which case no file is made. With another key, stored keys still verify their
 * tokens and a new key signs.
 */
class KeyEncryptionKeyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dataDir;

  @Test
  void generatedOnceOwnerOnlyAndReusedSoTheStoredKeyKeepsSigning() throws IOException {
    Path file = dataDir.resolve("signing.kek");
    Opened before;
    try (SessiondServer server = start(null)) {
      before = ApiClient.of(server).open("{\"tenantId\":\"kek\",\"userId\":\"u\"}");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String text = Files.readString(file).strip();
    assertThat(Base64.getDecoder().decode(text)).hasSize(32);

    try (SessiondServer again = start(null)) {
      ApiClient api = ApiClient.of(again);
      assertThat(Files.readString(file).strip()).isEqualTo(text);
      assertThat(api.introspect(before.accessToken()).json().get("active").asBoolean()).isTrue();
      Opened after = api.open("{\"tenantId\":\"kek\",\"userId\":\"u\"}");
      assertThat(kid(after.accessToken())).as("the stored key was decrypted and still signs")
          .isEqualTo(kid(before.accessToken()));
    }
  }

  @Test
  void aConfiguredKeyMakesNoFileAndAnotherKeyStillVerifiesOldTokens() throws IOException {
    String first = Base64.getEncoder().encodeToString(new byte[32]);
    String second = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "another-key-of-exactly-32-bytes!".getBytes(StandardCharsets.US_ASCII));
    Opened before;
    try (SessiondServer server = start(first)) {
      before = ApiClient.of(server).open("{\"tenantId\":\"kek\",\"userId\":\"u\"}");
    }
    assertThat(dataDir.resolve("signing.kek")).doesNotExist();
    try (SessiondServer server = start(second)) {
      ApiClient api = ApiClient.of(server);
      assertThat(api.introspect(before.accessToken()).json().get("active").asBoolean())
          .as("the old public key still verifies").isTrue();
      Opened after = api.open("{\"tenantId\":\"kek\",\"userId\":\"u\"}");
      assertThat(kid(after.accessToken())).as("a key that cannot be decrypted no longer signs")
          .isNotEqualTo(kid(before.accessToken()));
      assertThat(api.introspect(after.accessToken()).json().get("active").asBoolean()).isTrue();
    }
  }

  @Test
  void aDamagedKeyFileStopsTheStartWithoutShowingIt() throws IOException {
    Files.writeString(dataDir.resolve("signing.kek"), "c2VjcmV0LWJ1dC1zaG9ydA==\n");
    assertThatThrownBy(() -> start(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("signing.kek").hasMessageContaining("32 bytes")
        .hasMessageNotContaining("c2VjcmV0LWJ1dC1zaG9ydA");
  }

  private SessiondServer start(String keyEncryptionKey) {
    return SessiondServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
        .dataDir(dataDir).keyEncryptionKey(keyEncryptionKey).build());
  }

  private static String kid(String jwt) throws IOException {
    String header = jwt.substring(0, jwt.indexOf('.'));
    return JSON.readTree(Base64.getUrlDecoder().decode(header)).get("kid").asText();
  }
}
