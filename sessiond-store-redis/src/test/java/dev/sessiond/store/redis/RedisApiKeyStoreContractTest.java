package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.ApiKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ApiKeyStoreContract on Redis standalone, each test on a fresh key prefix. */
class RedisApiKeyStoreContractTest extends ApiKeyStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
