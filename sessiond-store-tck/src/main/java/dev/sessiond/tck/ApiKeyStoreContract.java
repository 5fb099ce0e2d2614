package dev.sessiond.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.store.ApiKeyRecord;
import dev.sessiond.store.ApiKeyStore;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link ApiKeyStore}: hashed API keys, replaced by id, listed oldest first,
 * revoked once. A store's test class extends this and implements {@link #newStore()}.
 */
public abstract class ApiKeyStoreContract extends StoreAbilityContract<ApiKeyStore> {
  protected ApiKeyStoreContract() {
    super(ApiKeyStore.class);
  }

  private ApiKeyStore keys() {
    return ability();
  }

  private static ApiKeyRecord key(String id, long minute) {
    return new ApiKeyRecord(id, "key " + id, "t1", Set.of("sessions.search", "sessions.get"),
        String.format("%064x", id.hashCode() & 0xffffffffL), at(minute), "api_key:bootstrap", null);
  }

  @Test
  void aKeyReadsBackFieldForField() {
    ApiKeyRecord full = new ApiKeyRecord("ops_key-1", "Ops, \"night\" shift 山田", "acme",
        Set.of("sessions.create", "sessions.revoke", "admin.sessions.search"), "ab".repeat(32),
        at(0), "user:alice", null);
    ApiKeyRecord bare = new ApiKeyRecord("b", "", ApiKeyRecord.ALL_TENANTS, Set.of(),
        "0".repeat(64), at(1), "", at(2));
    keys().putApiKey(full);
    keys().putApiKey(bare);

    assertThat(keys().findApiKey("ops_key-1")).contains(full);
    assertThat(keys().findApiKey("b")).contains(bare);
  }

  @Test
  void findOfUnknownIdIsEmpty() {
    keys().putApiKey(key("k1", 0));

    assertThat(keys().findApiKey("k2")).isEmpty();
    assertThat(keys().apiKeys(10)).containsExactly(key("k1", 0));
  }

  @Test
  void putReplacesTheKeyWithTheSameIdWhole() {
    keys().putApiKey(key("k1", 0).revokedAt(at(1)));
    ApiKeyRecord replacement = new ApiKeyRecord("k1", "renamed", "t2", Set.of("audit.read"),
        "f".repeat(64), at(5), "user:bob", null);

    keys().putApiKey(replacement);

    assertThat(keys().findApiKey("k1")).contains(replacement);
    assertThat(keys().apiKeys(10)).containsExactly(replacement);
  }

  @Test
  void keysAreListedOldestFirstThenByIdUpToTheLimit() {
    keys().putApiKey(key("c", 2));
    keys().putApiKey(key("b", 1));
    keys().putApiKey(key("z", 0));
    keys().putApiKey(key("a", 1));
    keys().revokeApiKey("b", at(3));

    assertThat(keys().apiKeys(10)).extracting(ApiKeyRecord::id).containsExactly("z", "a", "b", "c");
    assertThat(keys().apiKeys(2)).extracting(ApiKeyRecord::id).containsExactly("z", "a");
    assertThat(keys().apiKeys(1)).containsExactly(key("z", 0));
  }

  @Test
  void noKeysListsEmpty() {
    assertThat(keys().apiKeys(10)).isEmpty();
  }

  @Test
  void revokeEndsALiveKeyOnceAndKeepsTheFirstRevokedAt() {
    keys().putApiKey(key("k1", 0));
    keys().putApiKey(key("k2", 0));

    assertThat(keys().revokeApiKey("k1", at(3))).isTrue();
    assertThat(keys().revokeApiKey("k1", at(4))).isFalse();
    assertThat(keys().revokeApiKey("nope", at(4))).isFalse();

    ApiKeyRecord revoked = keys().findApiKey("k1").orElseThrow();
    assertThat(revoked).isEqualTo(key("k1", 0).revokedAt(at(3)));
    assertThat(revoked.isLive()).isFalse();
    assertThat(keys().findApiKey("k2")).contains(key("k2", 0));
    assertThat(keys().apiKeys(10)).containsExactly(key("k1", 0).revokedAt(at(3)), key("k2", 0));
  }
}
