package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionStoreContract on Redis standalone, each test on a fresh key prefix. */
class RedisSessionStoreContractTest extends SessionStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
