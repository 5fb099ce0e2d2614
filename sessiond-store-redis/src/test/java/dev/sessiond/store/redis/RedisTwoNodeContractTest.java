package dev.sessiond.store.redis;

import dev.sessiond.tck.TwoNodeContract;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stores, each with a connection of its own, on one key prefix of the standalone Redis;
 * {@link RedisClusterTwoNodeContractTest} runs the same on the Cluster.
 */
class RedisTwoNodeContractTest extends TwoNodeContract<RedisSessionStore> {
  @RegisterExtension final TestRedis redis = redis();

  /** The server both nodes use. */
  TestRedis redis() {
    return TestRedis.standalone();
  }

  @Override
  protected List<RedisSessionStore> openTwoNodes() {
    String prefix = redis.newPrefix();
    return List.of(redis.open(prefix), redis.open(prefix));
  }
}
