package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.EventLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The EventLogContract on Redis standalone, each test on a fresh key prefix. */
class RedisEventLogContractTest extends EventLogContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
