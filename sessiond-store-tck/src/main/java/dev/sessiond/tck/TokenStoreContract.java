package dev.sessiond.tck;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sessiond.SessionStatus;
import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SessionSweeper;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.SigningKeyStore;
import dev.sessiond.store.Watermark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the token abilities every store has besides sessions: refresh-token families
 * ({@link RefreshTokenStore}), signing keys ({@link SigningKeyStore}) and revocations ({@link
 * RevocationStore}). A store's test class extends this and implements {@link #newStore()}, which
 * must return a store with all of these abilities.
 */
public abstract class TokenStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  private SessionStore store;

  /** A new, empty store that also implements every token ability. Closed after each test. */
  protected abstract SessionStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
    assertThat(store).isInstanceOf(RefreshTokenStore.class).isInstanceOf(SigningKeyStore.class)
        .isInstanceOf(RevocationStore.class).isInstanceOf(SessionSweeper.class);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private RefreshTokenStore refresh() {
    return (RefreshTokenStore) store;
  }

  private SigningKeyStore keys() {
    return (SigningKeyStore) store;
  }

  private RevocationStore revocations() {
    return (RevocationStore) store;
  }

  private static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static String hash(int n) {
    return String.format("%064x", n);
  }

  private SessionRecord session(String tenant, String user) {
    SessionRecord record = openedAt(at(0)).tenant(tenant).user(user).build();
    store.insert(record);
    return record;
  }

  // --- refresh-token families ------------------------------------------------------------------

  @Test
  void aFamilyStartsWithOneCurrentHead() {
    SessionRecord s = session("t1", "u1");
    RefreshToken first = new RefreshToken(hash(1), s.id(), at(0), null);
    refresh().insertRefreshToken(first);

    assertThat(refresh().findRefreshToken(hash(1))).contains(first);
    assertThat(refresh().currentRefreshToken(s.id())).contains(first);
    assertThat(refresh().findRefreshToken(hash(2))).isEmpty();
    assertThat(refresh().currentRefreshToken(TestRecords.nextId())).isEmpty();
    assertThatThrownBy(() -> refresh().insertRefreshToken(first))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> refresh().insertRefreshToken(new RefreshToken(hash(9), s.id(), at(1), null)))
        .as("a second head for the same family").isInstanceOf(IllegalStateException.class);
    assertThat(refresh().currentRefreshToken(s.id())).contains(first);
  }

  @Test
  void aSessionAndItsFirstTokenAreStoredTogetherOrNotAtAll() {
    SessionRecord s = openedAt(at(0)).build();
    RefreshToken first = new RefreshToken(hash(1), s.id(), at(0), null);
    refresh().insertWithRefreshToken(s, first);

    assertThat(store.find(s.id())).contains(s);
    assertThat(refresh().currentRefreshToken(s.id())).contains(first);

    SessionRecord clashingToken = openedAt(at(1)).build();
    assertThatThrownBy(() -> refresh().insertWithRefreshToken(clashingToken,
        new RefreshToken(hash(1), clashingToken.id(), at(1), null)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.find(clashingToken.id())).as("no session without its token").isEmpty();

    assertThatThrownBy(() -> refresh().insertWithRefreshToken(s,
        new RefreshToken(hash(2), s.id(), at(1), null))).isInstanceOf(IllegalStateException.class);
    assertThat(refresh().findRefreshToken(hash(2))).as("no token without its session").isEmpty();
  }

  @Test
  void anAuditedOpenOrRotationStoresItsRecordWithItAndOnlyWhenItHappens() {
    AuditStore log = (AuditStore) store;
    SessionRecord s = openedAt(at(0)).build();
    refresh().insertWithRefreshToken(s, new RefreshToken(hash(1), s.id(), at(0), null),
        audit("session.opened", s.id(), at(0)));
    SessionRecord clash = openedAt(at(1)).build();
    assertThatThrownBy(() -> refresh().insertWithRefreshToken(clash,
        new RefreshToken(hash(1), clash.id(), at(1), null), audit("session.opened", clash.id(),
            at(1)))).isInstanceOf(IllegalStateException.class);

    assertThat(refresh().rotateRefreshToken(hash(1), new RefreshToken(hash(2), s.id(), at(2), null),
        at(2), audit("session.refreshed", s.id(), at(2)))).isTrue();
    assertThat(refresh().rotateRefreshToken(hash(1), new RefreshToken(hash(3), s.id(), at(3), null),
        at(3), audit("session.refreshed", "lost-race", at(3)))).as("already rotated").isFalse();

    assertThat(log.audit(new AuditQuery(null, null, null, null, null, 0, 10)))
        .extracting(AuditRecord::action, AuditRecord::target)
        .containsExactly(tuple("session.refreshed", s.id()), tuple("session.opened", s.id()));
  }

  private static AuditRecord audit(String action, String target, Instant at) {
    return new AuditRecord(0, at, "t1", action, "api_key", "host", target, "", "success", "");
  }

  @Test
  void rotationMovesTheHeadAndKeepsTheRotatedToken() {
    SessionRecord s = session("t1", "u1");
    refresh().insertRefreshToken(new RefreshToken(hash(1), s.id(), at(0), null));
    RefreshToken second = new RefreshToken(hash(2), s.id(), at(5), null);

    assertThat(refresh().rotateRefreshToken(hash(1), second, at(5))).isTrue();

    assertThat(refresh().currentRefreshToken(s.id())).contains(second);
    assertThat(refresh().findRefreshToken(hash(1)))
        .contains(new RefreshToken(hash(1), s.id(), at(0), at(5)));
    assertThat(refresh().rotateRefreshToken(hash(1),
        new RefreshToken(hash(3), s.id(), at(6), null), at(6))).isFalse();
    assertThat(refresh().rotateRefreshToken(hash(99),
        new RefreshToken(hash(4), s.id(), at(6), null), at(6))).isFalse();
    SessionRecord other = session("t1", "u2");
    assertThat(refresh().rotateRefreshToken(hash(2),
        new RefreshToken(hash(5), other.id(), at(6), null), at(6))).as("next of another session")
        .isFalse();
    assertThat(refresh().currentRefreshToken(s.id())).contains(second);
    assertThat(refresh().findRefreshToken(hash(3))).isEmpty();
  }

  @Test
  void concurrentRotationsOfOneTokenHaveExactlyOneWinnerAndOneHead() throws Exception {
    SessionRecord s = session("t1", "u1");
    refresh().insertRefreshToken(new RefreshToken(hash(1), s.id(), at(0), null));
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        RefreshToken next = new RefreshToken(hash(100 + i), s.id(), at(1), null);
        Callable<Boolean> rotate = () -> {
          start.await();
          return refresh().rotateRefreshToken(hash(1), next, at(1));
        };
        results.add(pool.submit(rotate));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
      RefreshToken head = refresh().currentRefreshToken(s.id()).orElseThrow();
      int heads = 0;
      for (int i = 0; i < threads; i++) {
        heads += refresh().findRefreshToken(hash(100 + i)).isPresent() ? 1 : 0;
      }
      assertThat(heads).as("only the winner's token is stored").isEqualTo(1);
      assertThat(refresh().findRefreshToken(head.hash()).orElseThrow().isCurrent()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refreshTokensGoWithTheirPurgedSession() {
    SessionRecord s = session("t1", "u1");
    refresh().insertRefreshToken(new RefreshToken(hash(1), s.id(), at(0), null));
    refresh().rotateRefreshToken(hash(1), new RefreshToken(hash(2), s.id(), at(1), null), at(1));
    SessionRecord kept = session("t1", "u2");
    refresh().insertRefreshToken(new RefreshToken(hash(3), kept.id(), at(0), null));
    store.revoke(s.id(), new Ending(at(2), "logout", "admin"));

    assertThat(((SessionSweeper) store).purgeEndedBefore(at(10), 100)).isEqualTo(1);

    assertThat(refresh().findRefreshToken(hash(1))).isEmpty();
    assertThat(refresh().findRefreshToken(hash(2))).isEmpty();
    assertThat(refresh().currentRefreshToken(s.id())).isEmpty();
    assertThat(refresh().findRefreshToken(hash(3))).isPresent();
  }

  // --- signing keys -------------------------------------------------------------------------

  private static SigningKeyRecord key(String kid, String alg, long minute) {
    return new SigningKeyRecord(kid, alg, "{\"kty\":\"OKP\",\"kid\":\"" + kid + "\"}",
        ("secret-" + kid).getBytes(StandardCharsets.UTF_8), at(minute), null);
  }

  @Test
  void rotationRetiresOnlyTheActiveKeyOfTheSameAlgorithm() {
    keys().rotateSigningKey(key("ed-1", "EdDSA", 0), at(0));
    keys().rotateSigningKey(key("es-1", "ES256", 1), at(1));
    keys().rotateSigningKey(key("ed-2", "EdDSA", 2), at(2));

    assertThat(keys().signingKeys()).containsExactly(
        key("ed-1", "EdDSA", 0).retiredAt(at(2)), key("es-1", "ES256", 1), key("ed-2", "EdDSA", 2));
    assertThatThrownBy(() -> keys().rotateSigningKey(key("ed-2", "EdDSA", 3), at(3)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(keys().signingKeys()).hasSize(3);
  }

  @Test
  void onlyKeysRetiredBeforeTheCutoffAreDeleted() {
    keys().rotateSigningKey(key("ed-1", "EdDSA", 0), at(0));
    keys().rotateSigningKey(key("ed-2", "EdDSA", 10), at(10));
    keys().rotateSigningKey(key("ed-3", "EdDSA", 20), at(20));

    assertThat(keys().deleteSigningKeysRetiredBefore(at(15))).isEqualTo(1);
    assertThat(keys().signingKeys()).extracting(SigningKeyRecord::kid).containsExactly("ed-2", "ed-3");
    assertThat(keys().deleteSigningKeysRetiredBefore(at(1000))).isEqualTo(1);
    assertThat(keys().signingKeys()).extracting(SigningKeyRecord::kid).containsExactly("ed-3");
  }

  // --- blacklist ----------------------------------------------------------------------------

  @Test
  void aBanHoldsUntilItExpiresAndOnlyInItsTenant() {
    revocations().blacklist(new BlacklistEntry("t1", "jti-1", at(0), at(10)));

    assertThat(revocations().findBlacklistEntry("t1", "jti-1", at(9)))
        .contains(new BlacklistEntry("t1", "jti-1", at(0), at(10)));
    assertThat(revocations().findBlacklistEntry("t1", "jti-1", at(10))).isEmpty();
    assertThat(revocations().findBlacklistEntry("t2", "jti-1", at(5))).isEmpty();
    assertThat(revocations().findBlacklistEntry("t1", "jti-2", at(5))).isEmpty();
  }

  @Test
  void aSecondBanKeepsTheLaterExpiry() {
    revocations().blacklist(new BlacklistEntry("t1", "n", at(0), at(30)));
    revocations().blacklist(new BlacklistEntry("t1", "n", at(1), at(10)));
    assertThat(revocations().findBlacklistEntry("t1", "n", at(20))).isPresent();

    revocations().blacklist(new BlacklistEntry("t1", "n", at(2), at(60)));
    assertThat(revocations().findBlacklistEntry("t1", "n", at(50)).orElseThrow().expiresAt())
        .isEqualTo(at(60));
  }

  @Test
  void activeBansAreListedAndLapsedOnesPurged() {
    revocations().blacklist(new BlacklistEntry("t1", "a", at(0), at(10)));
    revocations().blacklist(new BlacklistEntry("t2", "b", at(0), at(20)));
    revocations().blacklist(new BlacklistEntry("t1", "c", at(0), at(5)));

    assertThat(revocations().blacklistEntries(at(7))).extracting(BlacklistEntry::name)
        .containsExactlyInAnyOrder("a", "b");
    assertThat(revocations().purgeBlacklist(at(15), 100)).isEqualTo(2);
    assertThat(revocations().blacklistEntries(at(0))).extracting(BlacklistEntry::name)
        .containsExactly("b");
  }

  // --- watermarks ---------------------------------------------------------------------------

  @Test
  void watermarksOnlyRise() {
    revocations().raiseWatermark(new Watermark("t1", "u1", at(10)));
    revocations().raiseWatermark(new Watermark("t1", "u1", at(5)));
    revocations().raiseWatermark(Watermark.forTenant("t1", at(3)));
    revocations().raiseWatermark(new Watermark("t2", "u1", at(7)));
    revocations().raiseWatermark(Watermark.forTenant("t1", at(8)));

    assertThat(revocations().watermarks()).containsExactlyInAnyOrder(
        new Watermark("t1", "u1", at(10)), Watermark.forTenant("t1", at(8)),
        new Watermark("t2", "u1", at(7)));
  }

  // --- tenant revocation and the revocation listing -------------------------------------------

  @Test
  void tenantRevocationEndsEveryActiveSessionOfThatTenantInBatches() {
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(session("t1", "u" + i).id());
    }
    SessionRecord other = session("t2", "u1");
    Ending ending = new Ending(at(3), "tenant_revoked", "admin");

    List<String> first = revocations().revokeTenantSessions("t1", ending, 3);
    List<String> second = revocations().revokeTenantSessions("t1", ending, 3);

    assertThat(first).hasSize(3);
    assertThat(second).hasSize(2);
    assertThat(revocations().revokeTenantSessions("t1", ending, 3)).isEmpty();
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(all).containsExactlyInAnyOrderElementsOf(mine);
    assertThat(store.find(mine.get(0)).orElseThrow().status()).isEqualTo(SessionStatus.REVOKED);
    assertThat(store.find(other.id()).orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);
  }

  @Test
  void recentRevocationsAreListedForTheIndexRebuild() {
    SessionRecord old = session("t1", "u1");
    SessionRecord recent = session("t2", "u2");
    SessionRecord active = session("t1", "u3");
    store.revoke(old.id(), new Ending(at(1), "logout", "admin"));
    store.revoke(recent.id(), new Ending(at(9), "logout", "admin"));

    assertThat(revocations().sessionsRevokedSince(at(5)))
        .containsExactly(new RevokedSession(recent.id(), "t2", at(9)));
    assertThat(revocations().sessionsRevokedSince(at(1))).extracting(RevokedSession::sessionId)
        .containsExactlyInAnyOrder(old.id(), recent.id())
        .doesNotContain(active.id());
  }
}
