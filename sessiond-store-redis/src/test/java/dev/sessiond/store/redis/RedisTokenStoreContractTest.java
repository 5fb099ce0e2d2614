package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.TokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TokenStoreContract on Redis standalone, each test on a fresh key prefix. */
class RedisTokenStoreContractTest extends TokenStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
