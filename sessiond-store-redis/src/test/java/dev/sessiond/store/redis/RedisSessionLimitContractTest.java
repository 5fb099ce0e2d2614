package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SessionLimitContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionLimitContract on Redis standalone, each test on a fresh key prefix. */
class RedisSessionLimitContractTest extends SessionLimitContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
