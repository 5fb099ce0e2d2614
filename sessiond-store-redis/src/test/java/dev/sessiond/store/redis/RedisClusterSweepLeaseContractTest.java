package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SweepLeaseContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SweepLeaseContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterSweepLeaseContractTest extends SweepLeaseContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
