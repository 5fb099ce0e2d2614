package dev.sessiond.client.verify;

import static dev.sessiond.client.verify.AdminCalls.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.client.RunningSessiond;
import dev.sessiond.client.verify.Verification.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalVerifierTest {
  @RegisterExtension static final RunningSessiond SERVER = RunningSessiond.start();

  @RegisterExtension final VerifierFixture fixture = new VerifierFixture(SERVER);
  private AdminCalls admin;
  private LocalVerifier verifier;

  @BeforeEach
  void fromFixture() {
    admin = fixture.admin();
    verifier = fixture.verifier();
  }

  @Test
  void aTokenVerifiesLocallyWithItsClaims() {
    AdminCalls.Opened opened = admin.open("acme", "u-1", List.of("user", "editor"));

    Verification v = verifier.verify(opened.accessToken());

    assertThat(v.outcome()).isEqualTo(Outcome.VALID);
    assertThat(v.stale()).isFalse();
    VerifiedSession s = v.session();
    assertThat(s.sessionId()).isEqualTo(opened.sessionId());
    assertThat(s.tenantId()).isEqualTo("acme");
    assertThat(s.userId()).isEqualTo("u-1");
    assertThat(s.username()).isEqualTo("u-1-name");
    assertThat(s.clientType()).isEqualTo("web");
    assertThat(s.hasRole("editor")).isTrue();
    assertThat(s.hasRole("admin")).isFalse();
    assertThat(s.expiresAt()).isAfter(s.issuedAt());
    // Seen before: from the cache, same answer.
    assertThat(verifier.verify(opened.accessToken())).isEqualTo(v);
    assertThat(verifier.status().fresh()).isTrue();
    assertThat(verifier.status().position()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void junkAndTamperedTokensAreInvalid() {
    String token = admin.open("acme", "u-2", List.of()).accessToken();
    String tampered = token.substring(0, token.length() - 4)
        + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

    assertThat(verifier.verify(null).outcome()).isEqualTo(Outcome.INVALID);
    assertThat(verifier.verify("").outcome()).isEqualTo(Outcome.INVALID);
    assertThat(verifier.verify("not.a.token").outcome()).isEqualTo(Outcome.INVALID);
    assertThat(verifier.verify(tampered).outcome()).isEqualTo(Outcome.INVALID);
  }

  @Test
  void aTokenPastItsExpiryIsExpired() throws InterruptedException {
    String token = admin.open("acme", "u-3", List.of()).accessToken();
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
    try (LocalVerifier future = LocalVerifier.builder(SERVER.config()).clock(later).start()) {
      assertThat(future.awaitFresh(Duration.ofSeconds(20))).isTrue();
      assertThat(future.verify(token).outcome()).isEqualTo(Outcome.EXPIRED);
    }
  }

  @Test
  void aRevokedSessionsTokenBecomesRevoked() {
    AdminCalls.Opened opened = admin.open("acme", "u-4", List.of());
    assertThat(verifier.verify(opened.accessToken()).outcome()).isEqualTo(Outcome.VALID);

    admin.revoke(opened.sessionId());

    eventually("the token is revoked locally",
        () -> verifier.verify(opened.accessToken()).outcome() == Outcome.REVOKED);
  }

  @Test
  void revokingAllOfAUsersSessionsRevokesTheirTokensOnly() {
    AdminCalls.Opened first = admin.open("acme", "u-5", List.of());
    AdminCalls.Opened second = admin.open("acme", "u-5", List.of());
    AdminCalls.Opened other = admin.open("acme", "u-6", List.of());

    admin.revokeUser("acme", "u-5");

    eventually("both tokens are revoked locally",
        () -> verifier.verify(first.accessToken()).outcome() == Outcome.REVOKED
            && verifier.verify(second.accessToken()).outcome() == Outcome.REVOKED);
    assertThat(verifier.verify(other.accessToken()).outcome()).isEqualTo(Outcome.VALID);
    // A session opened after the revoke-all is not covered by the watermark.
    AdminCalls.Opened later = admin.open("acme", "u-5", List.of());
    assertThat(verifier.verify(later.accessToken()).outcome()).isEqualTo(Outcome.VALID);
  }

  @Test
  void blacklistingASessionIdOrATokenIdRevokes() {
    AdminCalls.Opened bySession = admin.open("acme", "u-7", List.of());
    AdminCalls.Opened byToken = admin.open("acme", "u-8", List.of());
    String jti = verifier.verify(byToken.accessToken()).session().tokenId();

    admin.blacklist("acme", bySession.sessionId());
    admin.blacklist("acme", jti);

    eventually("both tokens are revoked locally",
        () -> verifier.verify(bySession.accessToken()).outcome() == Outcome.REVOKED
            && verifier.verify(byToken.accessToken()).outcome() == Outcome.REVOKED);
  }

  @Test
  void anUnknownKidFetchesTheKeysOnceAndJunkKidsDoNotHammer() throws InterruptedException {
    // The new key is fetched once: either because the token names an unknown kid, or because
    // the signing_key.rotated event came first (then the token's kid is already known).
    long before = verifier.status().jwksFetches();
    admin.rotateKey();
    String token = admin.open("acme", "u-9", List.of()).accessToken();

    eventually("the new key's token verifies",
        () -> verifier.verify(token).outcome() == Outcome.VALID);
    long afterRotation = verifier.status().jwksFetches();
    assertThat(afterRotation - before).isEqualTo(1);

    for (int i = 0; i < 200; i++) {
      assertThat(verifier.verify(withKid(token, UUID.randomUUID().toString())).outcome())
          .isEqualTo(Outcome.INVALID);
    }
    assertThat(verifier.status().jwksFetches() - afterRotation).isLessThanOrEqualTo(1);
  }

  /** {@code token} with its header's kid replaced (so its signature no longer matters). */
  private static String withKid(String token, String kid) {
    String header = "{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + token.substring(token.indexOf('.'));
  }
}
