package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.store.InMemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionEngineTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");
  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/120.0.0.0 Safari/537.36";
  private static final String IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
          + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

  private ManualClock clock;
  private SessionEngine engine;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(T0);
    engine = SessionEngine.builder().store(new InMemorySessionStore()).clock(clock)
        .settings(EngineSettings.DEFAULT.withTenantPolicies(
            Map.of("short", new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(1)))))
        .build();
  }

  private static OpenRequest request(String userAgent, ClientType type) {
    return new OpenRequest("acme", "u-1", "alice", List.of("user"), type, "Sales", "203.0.113.7",
        userAgent, Map.of("k", "v"));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SessiondException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void openReturnsTheViewWithParsedBrowserAndOsAndMillisecondTimes() {
    Session s = engine.core().open(request(CHROME, null)).session();

    assertThat(s.id()).matches("[0-9a-f]{64}");
    assertThat(s.browser()).isEqualTo("Chrome 120");
    assertThat(s.os()).startsWith("Windows");
    assertThat(s.clientType()).isEqualTo(ClientType.WEB);
    assertThat(s.loginAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123Z"));
    assertThat(s.expiresAt()).isEqualTo(s.loginAt().plus(Duration.ofMinutes(30)));
    assertThat(s.status()).isEqualTo(SessionStatus.ACTIVE);
    assertThat(s.deptName()).isEqualTo("Sales");
    assertThat(engine.core().get(s.id())).contains(s);
  }

  @ParameterizedTest
  @CsvSource({
      "'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', mobile",
      "curl/8.5.0, cli",
      "python-requests/2.31.0, api",
      "'', api",
      "'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', web"
  })
  void clientTypeIsInferredFromTheUserAgentWhenAbsent(String userAgent, String expected) {
    assertThat(engine.core().open(request(userAgent, null)).session().clientType().wireName())
        .isEqualTo(expected);
  }

  @Test
  void anExplicitClientTypeWins() {
    assertThat(engine.core().open(request(IPHONE, ClientType.DESKTOP)).session().clientType())
        .isEqualTo(ClientType.DESKTOP);
  }

  @Test
  void idsAreUnique() {
    List<String> ids = IntStream.range(0, 200)
        .mapToObj(i -> engine.core().open(request(null, null)).session().id())
        .collect(Collectors.toList());
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void tenantPolicyOverridesTheDefault() {
    Session s = engine.core().open(
        new OpenRequest("short", "u", null, null, null, null, null, null, null)).session();
    assertThat(s.expiresAt()).isEqualTo(s.loginAt().plus(Duration.ofMinutes(5)));
    clock.advance(Duration.ofMinutes(5));
    assertThat(engine.core().get(s.id()).orElseThrow().status()).isEqualTo(SessionStatus.EXPIRED);
    assertCode(() -> engine.core().touch(s.id()), ErrorCode.SESSION_NOT_ACTIVE);
  }

  @Test
  void badOpenRequestsNameTheField() {
    assertCode(() -> engine.core().open(OpenRequest.of(null, "u")), ErrorCode.MISSING_FIELD);
    assertCode(() -> engine.core().open(OpenRequest.of("a b", "u")), ErrorCode.INVALID_FIELD);
    assertCode(() -> engine.core().open(OpenRequest.of("t".repeat(65), "u")), ErrorCode.INVALID_FIELD);
    assertCode(() -> engine.core().open(OpenRequest.of("t", " ")), ErrorCode.MISSING_FIELD);
    assertCode(() -> engine.core().open(OpenRequest.of("t", "u\u0000")), ErrorCode.INVALID_FIELD);
    assertCode(() -> engine.core().open(new OpenRequest("t", "u", null, Collections.nCopies(65, "r"),
        null, null, null, null, null)), ErrorCode.INVALID_FIELD);
    assertCode(() -> engine.core().open(new OpenRequest("t", "u", null, List.of(""), null, null, null,
        null, null)), ErrorCode.MISSING_FIELD);
    assertCode(() -> engine.core().open(new OpenRequest("t", "u", null, null, null, null, "example.com",
        null, null)), ErrorCode.INVALID_FIELD);
    assertCode(() -> engine.core().open(new OpenRequest("t", "u", null, null, null, null, null,
        "x".repeat(1025), null)), ErrorCode.INVALID_FIELD);
  }

  @Test
  void readsOfMalformedIdsAreRejectedAndUnknownOnesAreNotFound() {
    assertCode(() -> engine.core().get("ABC"), ErrorCode.INVALID_SESSION_ID);
    assertCode(() -> engine.core().get("A".repeat(64)), ErrorCode.INVALID_SESSION_ID);
    assertThat(engine.core().get("a".repeat(64))).isEmpty();
    assertCode(() -> engine.core().revoke("a".repeat(64), null, "admin"), ErrorCode.SESSION_NOT_FOUND);
    assertCode(() -> engine.core().touch("a".repeat(64)), ErrorCode.SESSION_NOT_FOUND);
  }

  @Test
  void revokeIsIdempotentAndKeepsTheRecord() {
    Session s = engine.core().open(request(null, null)).session();
    assertThat(engine.core().revoke(s.id(), "logout", "alice").status()).isEqualTo(SessionStatus.REVOKED);
    assertThat(engine.core().revoke(s.id(), "again", "bob").status()).isEqualTo(SessionStatus.REVOKED);
    assertCode(() -> engine.core().touch(s.id()), ErrorCode.SESSION_NOT_ACTIVE);
  }

  @Test
  void revokeAllForUserAnswersTheRevokedIds() {
    Session a = engine.core().open(request(null, null)).session();
    Session b = engine.core().open(request(null, null)).session();
    assertThat(engine.core().revokeAllForUser("acme", "u-1", "password_changed", "admin"))
        .containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(engine.core().listForUser("acme", "u-1", SessionStatus.ACTIVE)).isEmpty();
    assertThat(engine.core().listForUser("acme", "u-1", null)).hasSize(2);
  }

  @Test
  void searchPagesWithTokensAndRejectsBadPaging() {
    for (int i = 0; i < 5; i++) {
      engine.core().open(request(null, null));
      clock.advance(Duration.ofSeconds(1));
    }
    SearchRequest first = new SearchRequest("acme", "ali", null, null, null, null, 2, null);
    Page<Session> p1 = engine.core().search(first);
    Page<Session> p2 = engine.core().search(first.withPageToken(p1.nextPageToken()));
    Page<Session> p3 = engine.core().search(first.withPageToken(p2.nextPageToken()));

    assertThat(p1.items()).hasSize(2);
    assertThat(p2.items()).hasSize(2);
    assertThat(p3.items()).hasSize(1);
    assertThat(p3.next()).isEmpty();
    assertCode(() -> engine.core().search(new SearchRequest("acme", null, null, null, null, null, 101,
        null)), ErrorCode.INVALID_PAGE_SIZE);
    assertCode(() -> engine.core().search(new SearchRequest("acme", null, null, null, null, null, -1,
        null)), ErrorCode.INVALID_PAGE_SIZE);
    assertCode(() -> engine.core().search(first.withPageToken("not-a-token")), ErrorCode.INVALID_PAGE_TOKEN);
    assertCode(() -> engine.core().search(SearchRequest.inTenant(null)), ErrorCode.MISSING_FIELD);
  }

  @Test
  void batchGetLimitsAndValidatesIds() {
    assertCode(() -> engine.core().batchGet(null, Collections.nCopies(101, "a".repeat(64))),
        ErrorCode.TOO_MANY_IDS);
    assertCode(() -> engine.core().batchGet(null, List.of("nope")), ErrorCode.INVALID_SESSION_ID);
    assertCode(() -> engine.core().batchGet(null, null), ErrorCode.MISSING_FIELD);
    assertThat(engine.core().batchGet(null, List.of())).isEmpty();
  }
}
