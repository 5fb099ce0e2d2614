package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.SweepLeaseContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SweepLeaseContract on Redis standalone, each test on a fresh key prefix. */
class RedisSweepLeaseContractTest extends SweepLeaseContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
