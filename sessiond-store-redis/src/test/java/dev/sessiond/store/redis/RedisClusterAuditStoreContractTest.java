package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.AuditStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AuditStoreContract on Redis Cluster, each test on a fresh key prefix. */
class RedisClusterAuditStoreContractTest extends AuditStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.cluster();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
