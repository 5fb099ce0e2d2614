package dev.sessiond.store.redis;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.Event;
import dev.sessiond.EventType;
import dev.sessiond.GrantStatus;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.SupportGrantRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the connection drops after Redis ran a write but before its answer came back, Lettuce
 * sends the write again on the new connection. The writes that insert (an open, a support grant,
 * a signing key) must recognise their own earlier run and succeed, not fail as a clash: a
 * {@link ReplyDroppingProxy} in front of the real Redis makes that happen on purpose. The open
 * is stored and announced once.
 */
class RedisLostReplyTest {
  @RegisterExtension
  final TestRedis redis = TestRedis.standalone();

  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  private ReplyDroppingProxy proxy;
  private RedisSessionStore store;

  @BeforeEach
  void throughProxy() throws Exception {
    redis.newStore(); // Fails (CI) or skips here when Redis is not running.
    URI server = URI.create(System.getenv().getOrDefault("SESSIOND_TEST_REDIS",
        "redis://127.0.0.1:6379"));
    proxy = new ReplyDroppingProxy(server.getHost(), server.getPort());
    store = redis.openUrl("redis://127.0.0.1:" + proxy.port(), redis.newPrefix());
  }

  @AfterEach
  void stopProxy() throws Exception {
    proxy.close();
  }

  @Test
  void anOpenWhoseAnswerWasLostSucceedsOnceWhenSentAgain() {
    // A username only the open script carries (not the pointer claims before it).
    String marker = "lost-reply-" + HexFormat.of().formatHex(randomBytes()).substring(0, 12);
    SessionRecord session = openedAt(T0).tenant("t1").user("u1").username(marker).build();
    String hash = HexFormat.of().formatHex(randomBytes());
    proxy.dropReplyTo(marker);

    store.insertWithRefreshToken(session, new RefreshToken(hash, session.id(), T0, null));

    assertThat(proxy.dropped()).as("the proxy cut the connection").isTrue();
    assertThat(store.find(session.id())).contains(session);
    assertThat(store.eventsAfter(0, 100)).filteredOn(e -> e.type() == EventType.SESSION_CREATED)
        .extracting(Event::sessionId).containsExactly(session.id());
  }

  @Test
  void aGrantAndASigningKeyWhoseAnswersWereLostSucceedWhenSentAgain() {
    String grantId = HexFormat.of().formatHex(randomBytes()).substring(0, 32);
    String note = "lost-reply-" + grantId; // Only the insert script carries the note.
    SupportGrantRecord grant = new SupportGrantRecord(grantId, "t1", note, T0, "user:alice",
        T0.plusSeconds(3600), GrantStatus.ACTIVE, null, null);
    proxy.dropReplyTo(note);
    store.insertGrant(grant);
    assertThat(proxy.dropped()).isTrue();
    assertThat(store.findGrant("t1", grantId)).contains(grant);

    SigningKeyRecord key = new SigningKeyRecord("kid-lost-reply", "EdDSA", "{\"kty\":\"OKP\"}",
        "secret".getBytes(StandardCharsets.UTF_8), T0, null);
    proxy.dropReplyTo("kid-lost-reply");
    store.rotateSigningKey(key, T0);
    assertThat(proxy.dropped()).isTrue();
    assertThat(store.signingKeys()).containsExactly(key);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
