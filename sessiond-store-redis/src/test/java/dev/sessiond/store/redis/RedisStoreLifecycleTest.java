package dev.sessiond.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.tck.TestRecords;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening where nothing listens, and calls after close. */
class RedisStoreLifecycleTest {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Test
  void anUnreachableServerIsUnavailableAndTheMessageHoldsNoPassword() {
    RedisConfig config = RedisConfig.fromUrl("redis://alice:hunter2@127.0.0.1:1?timeout=1s");

    assertThatThrownBy(() -> RedisSessionStore.open(config)).isInstanceOf(SessiondException.class)
        .satisfies(e -> assertThat(((SessiondException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("hunter2");
  }

  @Test
  void callsAfterCloseAreUnavailableAndCloseIsIdempotent() {
    RedisSessionStore store = redis.newStore();
    store.close();
    store.close();

    assertThatThrownBy(() -> store.find(TestRecords.nextId()))
        .isInstanceOf(SessiondException.class)
        .satisfies(e -> assertThat(((SessiondException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThatThrownBy(() -> store.insert(TestRecords.openedAt(Instant.EPOCH).build()))
        .isInstanceOf(SessiondException.class);
  }
}
