package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.ApiKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ApiKeyStoreContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterApiKeyStoreContractTest extends ApiKeyStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
