package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SupportGrantStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SupportGrantStoreContract on Redis standalone, each test on a fresh key prefix. */
class RedisSupportGrantStoreContractTest extends SupportGrantStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
