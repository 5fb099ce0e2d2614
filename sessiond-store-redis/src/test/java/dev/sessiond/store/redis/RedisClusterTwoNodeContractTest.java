package dev.sessiond.store.redis;

/** {@link RedisTwoNodeContractTest} on the Cluster. */
class RedisClusterTwoNodeContractTest extends RedisTwoNodeContractTest {
  @Override
  TestRedis redis() {
    return TestRedis.cluster();
  }
}
