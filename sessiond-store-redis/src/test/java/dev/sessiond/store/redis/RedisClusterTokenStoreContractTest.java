package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.TokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TokenStoreContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterTokenStoreContractTest extends TokenStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
