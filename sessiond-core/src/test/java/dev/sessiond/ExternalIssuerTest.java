package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sessiond.Verification.Outcome;
import dev.sessiond.store.InMemorySessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens of another issuer, with keys made here, verified and turned into sessions. */
class ExternalIssuerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final String ISSUER = "https://idp.example.test";

  @TempDir
  Path dir;

  private ECKey issuerKey;
  private ManualClock clock;
  private SessionEngine engine;

  @BeforeEach
  void setUp() throws Exception {
    issuerKey = new ECKeyGenerator(Curve.P_256).keyID("idp-1").generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(issuerKey.toPublicJWK()).toString());
    clock = new ManualClock(T0);
    engine = SessionEngine.builder().store(new InMemorySessionStore()).clock(clock)
        .tokens(TokenSettings.defaults(new byte[32]))
        .externalIssuers(List.of(ExternalIssuer.of("acme", ISSUER, jwks.toUri())
            .withAudience("api://acme").withSessionClaim("sid")))
        .build();
  }

  private String token(Consumer<JWTClaimsSet.Builder> edit) throws Exception {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice-42")
        .audience("api://acme").jwtID("jti-" + System.nanoTime()).claim("sid", "idp-session-1")
        .claim("preferred_username", "alice").issueTime(Date.from(T0))
        .expirationTime(Date.from(T0.plus(Duration.ofHours(1))));
    edit.accept(claims);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("idp-1")
        .type(JOSEObjectType.JWT).build(), claims.build());
    jwt.sign(new ECDSASigner(issuerKey));
    return jwt.serialize();
  }

  @Test
  void aValidTokenCreatesASessionAtFirstSightThatShowsInSearch() throws Exception {
    String token = token(c -> { });
    VerifyContext ctx = new VerifyContext(null, "198.51.100.9", "curl/8.5.0");

    Verification v = engine.verify(token, ctx);

    assertThat(v.isActive()).isTrue();
    String sid = v.claims().orElseThrow().sessionId();
    assertThat(sid).matches("[0-9a-f]{64}");
    Session session = engine.core().get(sid).orElseThrow();
    assertThat(session.tenantId()).isEqualTo("acme");
    assertThat(session.userId()).isEqualTo("alice-42");
    assertThat(session.username()).isEqualTo("alice");
    assertThat(session.ip()).isEqualTo("198.51.100.9");
    assertThat(session.clientType()).isEqualTo(ClientType.CLI);
    assertThat(engine.core().search(SearchRequest.inTenant("acme")).items()).extracting(Session::id)
        .containsExactly(sid);
    assertThat(engine.verify(token(c -> c.jwtID("another")), VerifyContext.NONE).claims()
        .orElseThrow().sessionId()).as("same session claim, same session").isEqualTo(sid);
    assertThat(engine.core().search(SearchRequest.inTenant("acme")).items()).hasSize(1);
    assertThat(engine.admin().audit().search(CapabilityContext.of(Caller.service("t"), "acme"),
        AuditSearch.all()).items()).as("the first sight is a write, recorded once")
        .singleElement().satisfies(r -> {
          assertThat(r.action()).isEqualTo("session.opened");
          assertThat(r.target()).isEqualTo(sid);
          assertThat(r.detail()).isEqualTo("external_issuer=" + ISSUER);
        });
  }

  @Test
  void blacklistingTheSessionNameOrRevokingTheSessionRejectsItsTokens() throws Exception {
    String token = token(c -> { });
    String sid = engine.verify(token).claims().orElseThrow().sessionId();

    engine.core().blacklist("acme", "idp-session-1", Duration.ofMinutes(10));
    assertThat(engine.verify(token).outcome()).isEqualTo(Outcome.REVOKED);
    assertThat(engine.verify(token(c -> c.jwtID("fresh"))).outcome()).isEqualTo(Outcome.REVOKED);

    clock.advance(Duration.ofMinutes(10));
    assertThat(engine.verify(token).outcome()).isEqualTo(Outcome.ACTIVE);
    engine.core().revoke(sid, "stolen", "admin");
    assertThat(engine.verify(token).outcome()).isEqualTo(Outcome.REVOKED);
  }

  @Test
  void aUserWatermarkRejectsEarlierTokensOfSessionsSeenOnlyLater() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    engine.core().revokeAllForUser("acme", "alice-42", "password_changed", "admin");

    assertThat(engine.verify(token(c -> c.claim("sid", "never-seen"))).outcome())
        .isEqualTo(Outcome.REVOKED);
    assertThat(engine.verify(token(c -> c.claim("sid", "newer")
        .issueTime(Date.from(T0.plus(Duration.ofMinutes(2)))))).outcome())
        .isEqualTo(Outcome.ACTIVE);
  }

  @Test
  void badExternalTokensAreRejected() throws Exception {
    ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("idp-1").generate();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("idp-1").build(),
        SignedJWT.parse(token(c -> { })).getJWTClaimsSet());
    forged.sign(new ECDSASigner(stranger));

    assertThat(engine.verify(forged.serialize()).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(engine.verify(token(c -> c.audience("api://other"))).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(engine.verify(token(c -> c.claim("sid", null))).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(engine.verify(token(c -> c.issuer("https://other"))).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(engine.verify(token(c -> c.subject("alice\u0000"))).outcome())
        .as("signed, but a subject no store can keep").isEqualTo(Outcome.INVALID);
    assertThat(engine.verify(token(c -> c.claim("sid", "s\u0007"))).outcome())
        .as("a control character in the session claim").isEqualTo(Outcome.INVALID);
    assertThat(engine.verify(token(c -> c.claim("preferred_username", "x".repeat(300))))
        .outcome()).as("an oversized username").isEqualTo(Outcome.INVALID);
    assertThat(engine.verify(token(c -> { }), new VerifyContext("globex", null, null)).outcome())
        .as("a tenant that does not trust the issuer").isEqualTo(Outcome.INVALID);
    clock.advance(Duration.ofHours(2));
    assertThat(engine.verify(token(c -> { })).outcome()).isEqualTo(Outcome.EXPIRED);
    assertThat(engine.core().search(SearchRequest.inTenant("acme")).items()).isEmpty();
  }

  @Test
  void aTokenSetOpensTheSessionAfterVerification() throws Exception {
    String access = token(c -> { });
    String id = token(c -> c.claim("sid", null).audience("api://acme"));

    Session s = engine.openFromTokenSet(access, "idp-refresh-token", id,
        new VerifyContext("acme", "203.0.113.5", null));

    assertThat(s.userId()).isEqualTo("alice-42");
    assertThat(s.status()).isEqualTo(SessionStatus.ACTIVE);
    assertThatThrownBy(() -> engine.openFromTokenSet(token(c -> c.claim("sid", null)), null, null,
        VerifyContext.NONE)).isInstanceOfSatisfying(SessiondException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_SESSION_CLAIM));
    assertThatThrownBy(() -> engine.openFromTokenSet(access, null,
        token(c -> c.subject("mallory")), VerifyContext.NONE))
        .isInstanceOfSatisfying(SessiondException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    assertThatThrownBy(() -> engine.openFromTokenSet("junk", null, null, VerifyContext.NONE))
        .isInstanceOfSatisfying(SessiondException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
  }
}
