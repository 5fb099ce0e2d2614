package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.EventLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The EventLogContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterEventLogContractTest extends EventLogContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
