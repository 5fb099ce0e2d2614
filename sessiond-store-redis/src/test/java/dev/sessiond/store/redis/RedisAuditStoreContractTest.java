package dev.sessiond.store.redis;

import dev.sessiond.store.SessionStore;
import dev.sessiond.tck.AuditStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AuditStoreContract on Redis standalone, each test on a fresh key prefix. */
class RedisAuditStoreContractTest extends AuditStoreContract {
  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  @Override
  protected SessionStore newStore() {
    return redis.newStore();
  }
}
