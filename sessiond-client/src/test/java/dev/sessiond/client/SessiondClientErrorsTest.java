package dev.sessiond.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.client.model.OpenRequest;
import dev.sessiond.client.model.SearchQuery;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error answer is a typed {@link SessiondApiException}, against a real server. */
class SessiondClientErrorsTest {
  @RegisterExtension static final RunningSessiond SERVER = RunningSessiond.start();

  private static SessiondClient admin;

  @BeforeAll
  static void connect() {
    admin = SessiondClient.create(SERVER.config()).forTenant("acme");
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void aMissingSessionIsNotFound() {
    String unknown = "a".repeat(64);

    assertThat(admin.get(unknown)).isEmpty();
    assertThatThrownBy(() -> admin.touch(unknown))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.code()).isEqualTo("session_not_found");
          assertThat(e.detail()).isNotEmpty();
          assertThat(e.isRetryable()).isFalse();
        });
    assertThatThrownBy(() -> admin.revokeSupportGrant("b".repeat(32)))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo("grant_not_found"));
    assertThatThrownBy(() -> admin.revokeApiKey("0123456789abcdef"))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo("api_key_not_found"));
  }

  @Test
  void aMalformedIdIsABadRequestNotAnAbsence() {
    assertThatThrownBy(() -> admin.get("not-a-session-id"))
        .isInstanceOfSatisfying(SessiondApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("invalid_session_id");
        });
  }

  @Test
  void aKeyWithoutTheMethodIsForbidden() {
    String key = admin.createApiKey("search-only", List.of("sessions.search")).key();
    try (SessiondClient limited = SessiondClient.create(
        ClientConfig.builder().url(SERVER.url()).apiKey(key).build())) {
      assertThatThrownBy(() -> limited.open(OpenRequest.forUser("u-1")))
          .isInstanceOfSatisfying(ForbiddenException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("method_not_permitted");
            assertThat(e.getMessage()).doesNotContain(key);
          });
      assertThatThrownBy(() -> limited.forTenant("globex").search(SearchQuery.all()))
          .isInstanceOfSatisfying(ForbiddenException.class,
              e -> assertThat(e.code()).isEqualTo("tenant_not_permitted"));
    }
  }

  @Test
  void badFieldsAreBadRequests() {
    assertThatThrownBy(() -> admin.open(OpenRequest.forUser("u-1").ip("not-an-ip")))
        .isInstanceOfSatisfying(SessiondApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("invalid_field");
          assertThat(e.detail()).contains("ip");
        });
    assertThatThrownBy(() -> admin.search(SearchQuery.all().pageSize(0)))
        .isInstanceOfSatisfying(SessiondApiException.class,
            e -> assertThat(e.code()).isEqualTo("invalid_page_size"));
    assertThatThrownBy(() -> admin.search(SearchQuery.all().pageToken("garbage")))
        .isInstanceOfSatisfying(SessiondApiException.class,
            e -> assertThat(e.code()).isEqualTo("invalid_page_token"));
    assertThatThrownBy(() -> admin.forTenant(null).open(OpenRequest.forUser("u-1")))
        .isInstanceOfSatisfying(SessiondApiException.class,
            e -> assertThat(e.code()).isEqualTo("missing_field"));
  }

  @Test
  void aBadTokenNeverAppearsInTheMessage() {
    String token = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";
    assertThatThrownBy(() -> admin.refresh(token))
        .isInstanceOfSatisfying(SessiondApiException.class, e -> {
          assertThat(e.code()).isEqualTo("invalid_refresh_token");
          assertThat(e.getMessage()).doesNotContain(token);
        });
  }

  @Test
  void noKeyOrAWrongKeyIsUnauthorized() {
    String wrong = "sk_0123456789abcdef_" + "x".repeat(43);
    try (SessiondClient none = SessiondClient.create(
            ClientConfig.builder().url(SERVER.url()).tenantId("acme").build());
        SessiondClient bad = SessiondClient.create(
            ClientConfig.builder().url(SERVER.url()).apiKey(wrong).tenantId("acme").build())) {
      assertThatThrownBy(() -> none.get("a".repeat(64)))
          .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("unauthorized");
          });
      assertThatThrownBy(() -> bad.search(SearchQuery.all()))
          .isInstanceOfSatisfying(UnauthorizedException.class,
              e -> assertThat(e.getMessage()).doesNotContain(wrong));
      assertThat(none.jwks()).contains("keys");
      assertThat(none.isReady()).isTrue();
    }
  }

  @Test
  void aServerThatIsNotThereIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (SessiondClient client = SessiondClient.create(ClientConfig.builder()
        .url("http://127.0.0.1:" + port).apiKey("secret-key-that-must-not-leak").build())) {
      assertThatThrownBy(() -> client.get("a".repeat(64)))
          .isInstanceOfSatisfying(SessiondApiException.class, e -> {
            assertThat(e.code()).isEqualTo(SessiondApiException.UNREACHABLE);
            assertThat(e.status()).isZero();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).doesNotContain("secret-key-that-must-not-leak");
          });
    }
  }

  @Test
  void aServerThatNeverAnswersIsUnreachable() throws Exception {
    try (ServerSocket silent = new ServerSocket(0);
        SessiondClient client = SessiondClient.create(ClientConfig.builder()
            .url("http://127.0.0.1:" + silent.getLocalPort())
            .requestTimeout(Duration.ofMillis(300)).build())) {
      Thread acceptor = new Thread(() -> {
        try (Socket accepted = silent.accept()) {
          Thread.sleep(5_000);
          accepted.getOutputStream().flush();
        } catch (Exception e) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      assertThatThrownBy(() -> client.introspect("t"))
          .isInstanceOfSatisfying(SessiondApiException.class, e -> {
            assertThat(e.code()).isEqualTo(SessiondApiException.UNREACHABLE);
            assertThat(e.status()).isZero();
          });
      acceptor.interrupt();
    }
  }
}
