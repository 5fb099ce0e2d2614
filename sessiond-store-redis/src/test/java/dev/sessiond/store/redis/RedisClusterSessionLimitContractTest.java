package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SessionLimitContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionLimitContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterSessionLimitContractTest extends SessionLimitContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
