package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionStoreContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterSessionStoreContractTest extends SessionStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
