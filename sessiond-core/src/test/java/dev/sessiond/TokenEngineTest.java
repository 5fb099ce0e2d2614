package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.Verification.Outcome;
import dev.sessiond.store.InMemorySessionStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenEngineTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final byte[] KEK = new byte[32];

  private ManualClock clock;
  private InMemorySessionStore store;
  private SessionEngine engine;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(T0);
    store = new InMemorySessionStore();
    engine = engine(TokenSettings.defaults(KEK));
  }

  private SessionEngine engine(TokenSettings tokens) {
    return SessionEngine.builder().store(store).clock(clock).tokens(tokens).build();
  }

  private OpenedSession open(String tenant, String user) {
    return engine.core().open(new OpenRequest(tenant, user, user + "-name", List.of("user", "admin"),
        ClientType.MOBILE, null, "10.0.0.1", null, null));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SessiondException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  private Outcome verify(OpenedSession s) {
    return engine.verify(s.tokens().accessToken()).outcome();
  }

  @Test
  void anOpenedSessionsAccessTokenVerifiesWithItsClaims() {
    OpenedSession s = open("acme", "u1");

    Verification v = engine.verify(s.tokens().accessToken());

    assertThat(v.isActive()).isTrue();
    VerifiedToken t = v.claims().orElseThrow();
    assertThat(t.issuer()).isEqualTo("sessiond");
    assertThat(t.subject()).isEqualTo("u1");
    assertThat(t.sessionId()).isEqualTo(s.session().id());
    assertThat(t.tenantId()).isEqualTo("acme");
    assertThat(t.username()).isEqualTo("u1-name");
    assertThat(t.roles()).containsExactly("user", "admin");
    assertThat(t.clientType()).isEqualTo("mobile");
    assertThat(t.tokenId()).matches("[0-9a-f]{32}");
    assertThat(t.issuedAt()).isEqualTo(T0);
    assertThat(t.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(s.tokens().accessTokenExpiresAt()).isEqualTo(t.expiresAt());
    assertThat(s.tokens().refreshToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(s.tokens().toString()).doesNotContain(s.tokens().accessToken())
        .doesNotContain(s.tokens().refreshToken());
  }

  @Test
  void inATenantsContextAnotherTenantsTokenIsInvalid() {
    OpenedSession s = open("acme", "u1");
    String token = s.tokens().accessToken();

    assertThat(engine.verify(token, new VerifyContext("acme", null, null)).outcome())
        .isEqualTo(Outcome.ACTIVE);
    assertThat(engine.verify(token, new VerifyContext("globex", null, null)).outcome())
        .isEqualTo(Outcome.INVALID);
  }

  @Test
  void aTokenExpiresWithTheClockEvenWhenCached() {
    OpenedSession s = open("acme", "u1");
    assertThat(verify(s)).isEqualTo(Outcome.ACTIVE);
    clock.advance(Duration.ofMinutes(5));
    assertThat(verify(s)).isEqualTo(Outcome.EXPIRED);
  }

  @Test
  void revokingOneSessionRejectsItsTokenAtOnceAndNotOthers() {
    OpenedSession s = open("acme", "u1");
    OpenedSession other = open("acme", "u1");
    assertThat(verify(s)).isEqualTo(Outcome.ACTIVE);

    engine.core().revoke(s.session().id(), "logout", "u1");

    assertThat(verify(s)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(other)).isEqualTo(Outcome.ACTIVE);
    assertCode(() -> engine.refresh(s.tokens().refreshToken()), ErrorCode.SESSION_NOT_ACTIVE);
  }

  @Test
  void revokeAllForAUserRejectsAllTheirTokensButNotANewLoginInTheSameSecond() {
    OpenedSession a = open("acme", "u1");
    OpenedSession b = open("acme", "u1");
    OpenedSession otherUser = open("acme", "u2");
    OpenedSession otherTenant = open("globex", "u1");

    engine.core().revokeAllForUser("acme", "u1", "password_changed", "admin");

    assertThat(verify(a)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(b)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(otherUser)).isEqualTo(Outcome.ACTIVE);
    assertThat(verify(otherTenant)).isEqualTo(Outcome.ACTIVE);
    assertCode(() -> engine.refresh(a.tokens().refreshToken()), ErrorCode.SESSION_NOT_ACTIVE);
    OpenedSession again = open("acme", "u1");
    assertThat(verify(again)).isEqualTo(Outcome.ACTIVE);
  }

  @Test
  void revokeAllInATenantRejectsEveryEarlierTokenOfThatTenantOnly() {
    OpenedSession a = open("acme", "u1");
    OpenedSession b = open("acme", "u2");
    OpenedSession other = open("globex", "u1");

    assertThat(engine.core().revokeAllInTenant("acme", "breach", "admin")).isEqualTo(2);

    assertThat(verify(a)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(b)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(other)).isEqualTo(Outcome.ACTIVE);
    assertThat(engine.core().get(a.session().id()).orElseThrow().status()).isEqualTo(SessionStatus.REVOKED);
    assertCode(() -> engine.refresh(b.tokens().refreshToken()), ErrorCode.SESSION_NOT_ACTIVE);
  }

  @Test
  void aSessionLimitEvictsTheOldestAndItsTokenStopsVerifyingOrRefusesTheNewOpen() {
    engine = SessionEngine.builder().store(store).clock(clock).tokens(TokenSettings.defaults(KEK))
        .sessionLimits(Map.of(
            "evict", new SessionLimit(2, SessionLimit.Policy.EVICT_OLDEST, false),
            "deny", new SessionLimit(1, SessionLimit.Policy.DENY_NEW, false)))
        .build();
    OpenedSession oldest = open("evict", "u1");
    clock.advance(Duration.ofSeconds(1));
    OpenedSession middle = open("evict", "u1");
    clock.advance(Duration.ofSeconds(1));
    OpenedSession newest = open("evict", "u1");

    assertThat(verify(oldest)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(middle)).isEqualTo(Outcome.ACTIVE);
    assertThat(verify(newest)).isEqualTo(Outcome.ACTIVE);
    assertThat(engine.core().listForUser("evict", "u1", SessionStatus.ACTIVE)).hasSize(2);

    open("deny", "u1");
    assertCode(() -> open("deny", "u1"), ErrorCode.SESSION_LIMIT_REACHED);
    assertThat(open("deny", "u2").session().status()).isEqualTo(SessionStatus.ACTIVE);
  }

  @Test
  void blacklistingASessionOrAJtiRejectsUntilTheBanLapses() {
    OpenedSession s = open("acme", "u1");
    OpenedSession t = open("acme", "u1");
    String jti = engine.verify(t.tokens().accessToken()).claims().orElseThrow().tokenId();

    engine.core().blacklist("acme", s.session().id(), Duration.ofMinutes(2));
    engine.core().blacklist("acme", jti, Duration.ofMinutes(2));

    assertThat(verify(s)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(t)).isEqualTo(Outcome.REVOKED);
    assertCode(() -> engine.refresh(s.tokens().refreshToken()), ErrorCode.SESSION_BLACKLISTED);
    assertThat(engine.refresh(t.tokens().refreshToken()).session().id())
        .as("a jti ban covers one token, not the session").isEqualTo(t.session().id());
    assertThat(engine.core().blacklistEntry("acme", jti)).isPresent();
    assertThat(engine.core().blacklistEntry("globex", jti)).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(engine.core().blacklistEntry("acme", jti)).isEmpty();
    assertThat(verify(s)).isEqualTo(Outcome.ACTIVE);
    assertCode(() -> engine.core().blacklist("acme", "x", Duration.ZERO), ErrorCode.INVALID_FIELD);
  }

  @Test
  void refreshRotatesAndTheOldTokenWorksOnceMoreOnlyWithinTheGraceWindow() {
    OpenedSession s = open("acme", "u1");
    clock.advance(Duration.ofMinutes(10));

    OpenedSession r1 = engine.refresh(s.tokens().refreshToken());
    assertThat(r1.session().id()).isEqualTo(s.session().id());
    assertThat(r1.session().lastActiveAt()).isEqualTo(clock.instant());
    assertThat(r1.tokens().refreshToken()).isNotEqualTo(s.tokens().refreshToken());
    assertThat(verify(r1)).isEqualTo(Outcome.ACTIVE);

    clock.advance(Duration.ofSeconds(30));
    OpenedSession retry = engine.refresh(s.tokens().refreshToken());
    assertThat(verify(retry)).isEqualTo(Outcome.ACTIVE);

    clock.advance(Duration.ofMillis(1));
    assertCode(() -> engine.refresh(s.tokens().refreshToken()), ErrorCode.REFRESH_TOKEN_REUSED);
    assertThat(engine.core().get(s.session().id()).orElseThrow().status()).isEqualTo(SessionStatus.REVOKED);
    assertThat(verify(retry)).isEqualTo(Outcome.REVOKED);
    assertCode(() -> engine.refresh(retry.tokens().refreshToken()), ErrorCode.SESSION_NOT_ACTIVE);
  }

  @Test
  void revokingByAccessOrRefreshTokenEndsTheSessionAndUnknownTokensChangeNothing() {
    OpenedSession byAccess = open("acme", "u1");
    OpenedSession byRefresh = open("acme", "u2");

    assertThat(engine.core().revokeToken(byAccess.tokens().accessToken(), "logout", "client")).isTrue();
    assertThat(engine.core().revokeToken(byRefresh.tokens().refreshToken(), "logout", "client")).isTrue();
    assertThat(engine.core().revokeToken(byRefresh.tokens().refreshToken(), "logout", "client")).isFalse();
    assertThat(engine.core().revokeToken("unknown", "logout", "client")).isFalse();
    assertThat(engine.core().revokeToken("B".repeat(43), "logout", "client")).isFalse();

    assertThat(verify(byAccess)).isEqualTo(Outcome.REVOKED);
    assertThat(verify(byRefresh)).isEqualTo(Outcome.REVOKED);
  }

  @Test
  void malformedAndUnknownRefreshTokensAreRejected() {
    assertCode(() -> engine.refresh(null), ErrorCode.INVALID_REFRESH_TOKEN);
    assertCode(() -> engine.refresh("short"), ErrorCode.INVALID_REFRESH_TOKEN);
    assertCode(() -> engine.refresh("A".repeat(43)), ErrorCode.INVALID_REFRESH_TOKEN);
  }

  @Test
  void badTokensAreInvalidNeverAnError() {
    OpenedSession s = open("acme", "u1");
    String good = s.tokens().accessToken();
    String[] parts = good.split("\\.");
    String noneHeader = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"u1\"", "\"u2\"").getBytes(StandardCharsets.UTF_8));
    String hs256Header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    for (String bad : List.of("", "garbage", "a.b.c", noneHeader + "." + parts[1] + ".",
        parts[0] + "." + tamperedPayload + "." + parts[2], hs256Header + "." + parts[1] + "." + parts[2],
        good + "x", "x".repeat(10_000))) {
      assertThat(engine.verify(bad).outcome()).as(bad.length() > 50 ? bad.substring(0, 50) : bad)
          .isEqualTo(Outcome.INVALID);
    }
    assertThat(engine.verify(null).outcome()).isEqualTo(Outcome.INVALID);
  }

  @Test
  void tokensOfAnotherIssuerOrAnotherDeploymentAreInvalid() {
    SessionEngine otherIssuer = SessionEngine.builder().store(store).clock(clock)
        .tokens(TokenSettings.defaults(KEK).withIssuer("https://elsewhere")).build();
    OpenedSession foreign = otherIssuer.core().open(OpenRequest.of("acme", "u1"));
    SessionEngine otherDeployment = SessionEngine.builder().store(new InMemorySessionStore())
        .clock(clock).tokens(TokenSettings.defaults(KEK)).build();
    OpenedSession stranger = otherDeployment.core().open(OpenRequest.of("acme", "u1"));

    assertThat(verify(foreign)).isEqualTo(Outcome.INVALID);
    assertThat(verify(stranger)).isEqualTo(Outcome.INVALID);
  }

  @Test
  void afterRotationOldTokensStillVerifyAndNewOnesUseTheNewKey() {
    OpenedSession before = open("acme", "u1");
    String kid = engine.core().rotateSigningKey(SigningAlgorithm.EDDSA);
    OpenedSession after = open("acme", "u1");

    assertThat(verify(before)).isEqualTo(Outcome.ACTIVE);
    assertThat(verify(after)).isEqualTo(Outcome.ACTIVE);
    assertThat(header(after.tokens().accessToken())).contains("\"kid\":\"" + kid + "\"");
    assertThat(engine.publicKeysJson()).contains(kid).doesNotContain("\"d\"");
  }

  @Test
  void tenantsCanUseEs256AndRs256() {
    engine = engine(TokenSettings.defaults(KEK).withAlgorithms(SigningAlgorithm.EDDSA,
        Map.of("ec", SigningAlgorithm.ES256, "rsa", SigningAlgorithm.RS256)));
    OpenedSession ec = open("ec", "u1");
    OpenedSession rsa = open("rsa", "u1");
    OpenedSession ed = open("acme", "u1");

    assertThat(header(ec.tokens().accessToken())).contains("\"alg\":\"ES256\"");
    assertThat(header(rsa.tokens().accessToken())).contains("\"alg\":\"RS256\"");
    assertThat(header(ed.tokens().accessToken())).contains("\"alg\":\"EdDSA\"");
    assertThat(List.of(verify(ec), verify(rsa), verify(ed))).containsOnly(Outcome.ACTIVE);
  }

  @Test
  void aRestartedEngineKeepsItsKeysAndItsRevocations() {
    OpenedSession kept = open("acme", "u1");
    OpenedSession revoked = open("acme", "u2");
    engine.core().revoke(revoked.session().id(), "logout", "admin");
    engine.core().blacklist("acme", "some-jti", Duration.ofMinutes(1));

    SessionEngine restarted = engine(TokenSettings.defaults(KEK));

    assertThat(restarted.verify(kept.tokens().accessToken()).outcome()).isEqualTo(Outcome.ACTIVE);
    assertThat(restarted.verify(revoked.tokens().accessToken()).outcome()).isEqualTo(Outcome.REVOKED);
    assertThat(restarted.publicKeysJson()).isEqualTo(engine.publicKeysJson());
  }

  @Test
  void keysRotateOnScheduleDuringSweeps() {
    String before = engine.publicKeysJson();
    clock.advance(Duration.ofDays(30));
    engine.sweep();
    OpenedSession s = open("acme", "u1");

    assertThat(engine.publicKeysJson()).isNotEqualTo(before);
    assertThat(verify(s)).isEqualTo(Outcome.ACTIVE);
    clock.advance(Duration.ofMinutes(6));
    engine.sweep();
    assertThat(engine.publicKeysJson()).doesNotContain(kidOf(before));
  }

  private static String header(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
  }

  private static String kidOf(String jwks) {
    int i = jwks.indexOf("\"kid\":\"") + 7;
    return jwks.substring(i, jwks.indexOf('"', i));
  }
}
