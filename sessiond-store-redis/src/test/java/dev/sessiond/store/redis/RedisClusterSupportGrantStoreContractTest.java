package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SupportGrantStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SupportGrantStoreContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterSupportGrantStoreContractTest extends SupportGrantStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
