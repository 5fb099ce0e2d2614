package dev.sessiond.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.Watermark;
import dev.sessiond.tck.TestRecords;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SQLite store adds to the token contract: the schema keeps a family to one head and its
 * tokens to a stored session, and a write it refuses changes nothing.
 */
class TokenConstraintsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  @TempDir Path directory;
  private SqliteSessionStore store;
  private SessionRecord session;

  @BeforeEach
  void open() {
    store = SqliteSessionStore.open(directory.resolve("sessions.db"));
    session = TestRecords.openedAt(T0).build();
    store.insert(session);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static String hash(int n) {
    return String.format("%064x", n);
  }

  private RefreshToken token(int n) {
    return new RefreshToken(hash(n), session.id(), T0, null);
  }

  @Test
  void aTokenNeedsAStoredSession() {
    RefreshToken orphan = new RefreshToken(hash(1), TestRecords.nextId(), T0, null);

    assertThatThrownBy(() -> store.insertRefreshToken(orphan))
        .isInstanceOf(IllegalStateException.class).hasMessage("no session with this id is stored");
    assertThat(store.findRefreshToken(hash(1))).isEmpty();
  }

  @Test
  void aFamilyNeverGetsASecondHeadByInsert() {
    store.insertRefreshToken(token(1));

    assertThatThrownBy(() -> store.insertRefreshToken(token(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the session already has a current refresh token");
    assertThat(store.currentRefreshToken(session.id())).contains(token(1));
    assertThat(store.findRefreshToken(hash(2))).isEmpty();
  }

  @Test
  void aRotationThatCannotStoreItsSuccessorChangesNothing() {
    store.insertRefreshToken(token(1));
    SessionRecord other = TestRecords.openedAt(T0).build();
    store.insert(other);
    store.insertRefreshToken(new RefreshToken(hash(2), other.id(), T0, null));

    assertThat(store.rotateRefreshToken(hash(1), token(2), T0.plusSeconds(1)))
        .as("successor hash taken").isFalse();
    assertThat(store.rotateRefreshToken(hash(1), token(1), T0.plusSeconds(1)))
        .as("successor is the presented token").isFalse();
    assertThat(store.rotateRefreshToken(hash(1),
        new RefreshToken(hash(3), other.id(), T0, null), T0.plusSeconds(1)))
        .as("successor of another session").isFalse();
    assertThatThrownBy(() -> store.rotateRefreshToken(hash(1),
        new RefreshToken(hash(4), session.id(), T0, T0), T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.currentRefreshToken(session.id())).contains(token(1));
    assertThat(store.findRefreshToken(hash(3))).isEmpty();
    assertThat(store.findRefreshToken(hash(4))).isEmpty();
  }

  @Test
  void aRefusedKeyRotationRetiresNothing() {
    SigningKeyRecord active = new SigningKeyRecord("k1", "EdDSA", "{}", new byte[] {1}, T0, null);
    store.rotateSigningKey(active, T0);

    assertThatThrownBy(() -> store.rotateSigningKey(
        new SigningKeyRecord("k1", "EdDSA", "{}", new byte[] {2}, T0.plusSeconds(1), null),
        T0.plusSeconds(1))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.rotateSigningKey(
        new SigningKeyRecord("k2", "EdDSA", "{}", new byte[] {3}, T0, T0), T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.signingKeys()).containsExactly(active);
  }

  @Test
  void aUserWatermarkNeedsAUser() {
    assertThatThrownBy(() -> store.raiseWatermark(new Watermark("t1", "", T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.watermarks()).isEmpty();
  }

  @Test
  void negativeLimitsAreRefused() {
    Ending ending = new Ending(T0.plusSeconds(1), "tenant_revoked", "admin");

    assertThatThrownBy(() -> store.revokeTenantSessions("t1", ending, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.purgeBlacklist(T0, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(session.id()).orElseThrow().ending()).isNull();
  }

  @Test
  void everyTokenAbilityIsUnavailableAfterClose() {
    store.close();

    assertThatThrownBy(() -> store.findRefreshToken(hash(1))).isInstanceOf(SessiondException.class)
        .extracting(e -> ((SessiondException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThatThrownBy(() -> store.insertRefreshToken(token(1)))
        .isInstanceOf(SessiondException.class);
    assertThatThrownBy(() -> store.signingKeys()).isInstanceOf(SessiondException.class);
    assertThatThrownBy(() -> store.watermarks()).isInstanceOf(SessiondException.class);
    assertThatThrownBy(() -> store.sessionsRevokedSince(T0)).isInstanceOf(SessiondException.class);
  }
}
