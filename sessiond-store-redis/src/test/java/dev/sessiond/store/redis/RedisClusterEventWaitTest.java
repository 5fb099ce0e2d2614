package dev.sessiond.store.redis;

/** {@link RedisEventWaitTest} on the Cluster. */
class RedisClusterEventWaitTest extends RedisEventWaitTest {
  @Override
  TestRedis redis() {
    return TestRedis.cluster();
  }
}
