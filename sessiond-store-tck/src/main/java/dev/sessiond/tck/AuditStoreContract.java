package dev.sessiond.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link AuditStore}: an append-only log with growing positions, queried newest
 * first by tenant, time, actor and target, paged by position, and purged by age. A store's test
 * class extends this and implements {@link #newStore()}.
 */
public abstract class AuditStoreContract extends StoreAbilityContract<AuditStore> {
  protected AuditStoreContract() {
    super(AuditStore.class);
  }

  private AuditStore log() {
    return ability();
  }

  private static AuditRecord entry(String tenant, long minute, String actor, String target) {
    return new AuditRecord(0, at(minute), tenant, "session.revoked", "user", actor, target,
        "10.0.0.1", "success", "logout");
  }

  /** Appends {@code record} and returns it as stored, at the position the store gave it. */
  private AuditRecord append(AuditRecord record) {
    return record.withSeq(log().appendAudit(record));
  }

  private static AuditQuery all(int limit) {
    return new AuditQuery(null, null, null, null, null, 0, limit);
  }

  private static AuditQuery ofTenant(String tenant) {
    return new AuditQuery(tenant, null, null, null, null, 0, 100);
  }

  private static List<Long> seqs(List<AuditRecord> records) {
    return records.stream().map(AuditRecord::seq).collect(Collectors.toList());
  }

  // --- append ------------------------------------------------------------------------------

  @Test
  void appendGivesGrowingPositionsAndRecordsReadBackFieldForField() {
    AuditRecord full = new AuditRecord(999, at(0), "acme", "support_grant.created", "org_admin",
        "alice@acme", "0123456789abcdef0123456789abcdef", "2001:db8::1", "success",
        "INC-42 \"login loop\" 山田");
    AuditRecord bare = new AuditRecord(0, at(0).plusMillis(1), AuditRecord.DEPLOYMENT,
        "signing_key.rotated", "system", "", "", "", "failure", "");

    long first = log().appendAudit(full);
    long second = log().appendAudit(bare);

    assertThat(first).as("the given seq is ignored").isPositive().isNotEqualTo(999);
    assertThat(second).isGreaterThan(first);
    assertThat(log().audit(all(10))).containsExactly(bare.withSeq(second), full.withSeq(first));
  }

  @Test
  void anEmptyLogAnswersEmpty() {
    assertThat(log().audit(all(10))).isEmpty();
    assertThat(log().purgeAuditBefore(at(100), 10)).isZero();
  }

  @Test
  void positionsKeepGrowingAfterEverythingIsPurged() {
    long before = log().appendAudit(entry("acme", 0, "u1", ""));
    assertThat(log().purgeAuditBefore(at(100), 10)).isEqualTo(1);

    assertThat(log().appendAudit(entry("acme", 1, "u1", ""))).isGreaterThan(before);
  }

  // --- query -------------------------------------------------------------------------------

  @Test
  void recordsComeNewestFirstByPositionUpToTheLimit() {
    AuditRecord a = append(entry("acme", 5, "u1", ""));
    AuditRecord b = append(entry("acme", 1, "u1", ""));
    AuditRecord c = append(entry("acme", 9, "u1", ""));
    AuditRecord d = append(entry("acme", 3, "u1", ""));

    assertThat(log().audit(all(10))).containsExactly(d, c, b, a);
    assertThat(log().audit(all(2))).containsExactly(d, c);
    assertThat(log().audit(all(1))).containsExactly(d);
  }

  @Test
  void theTenantFilterKeepsOneTenantAndNullKeepsEvery() {
    AuditRecord acme = append(entry("acme", 0, "u1", ""));
    AuditRecord deployment = append(entry(AuditRecord.DEPLOYMENT, 1, "admin", ""));
    AuditRecord globex = append(entry("globex", 2, "u1", ""));

    assertThat(log().audit(ofTenant("acme"))).containsExactly(acme);
    assertThat(log().audit(ofTenant("globex"))).containsExactly(globex);
    assertThat(log().audit(ofTenant(AuditRecord.DEPLOYMENT))).containsExactly(deployment);
    assertThat(log().audit(ofTenant("initech"))).isEmpty();
    assertThat(log().audit(all(10))).containsExactly(globex, deployment, acme);
  }

  @Test
  void theTimeWindowIncludesFromAndExcludesTo() {
    List<AuditRecord> byMinute = new ArrayList<>();
    for (int minute = 0; minute < 5; minute++) {
      byMinute.add(append(entry("acme", minute, "u1", "")));
    }

    assertThat(log().audit(new AuditQuery("acme", at(1), at(3), null, null, 0, 10)))
        .containsExactly(byMinute.get(2), byMinute.get(1));
    assertThat(log().audit(new AuditQuery(null, at(3), null, null, null, 0, 10)))
        .containsExactly(byMinute.get(4), byMinute.get(3));
    assertThat(log().audit(new AuditQuery(null, null, at(1), null, null, 0, 10)))
        .containsExactly(byMinute.get(0));
    assertThat(log().audit(new AuditQuery(null, at(1).plusMillis(1), at(2), null, null, 0, 10)))
        .isEmpty();
  }

  @Test
  void actorAndTargetFiltersMatchExactlyAndCombineWithTheTenant() {
    AuditRecord aliceOnS1 = append(entry("acme", 0, "alice", "s1"));
    AuditRecord bobOnS1 = append(entry("acme", 1, "bob", "s1"));
    AuditRecord aliceOnS2 = append(entry("acme", 2, "alice", "s2"));
    AuditRecord aliceElsewhere = append(entry("globex", 3, "alice", "s1"));
    append(entry("acme", 4, "alicia", "s10"));

    assertThat(log().audit(new AuditQuery("acme", null, null, "alice", null, 0, 10)))
        .containsExactly(aliceOnS2, aliceOnS1);
    assertThat(log().audit(new AuditQuery("acme", null, null, null, "s1", 0, 10)))
        .containsExactly(bobOnS1, aliceOnS1);
    assertThat(log().audit(new AuditQuery("acme", null, null, "alice", "s1", 0, 10)))
        .containsExactly(aliceOnS1);
    assertThat(log().audit(new AuditQuery(null, null, null, "alice", "s1", 0, 10)))
        .containsExactly(aliceElsewhere, aliceOnS1);
    assertThat(log().audit(new AuditQuery(null, null, null, "carol", null, 0, 10))).isEmpty();
  }

  @Test
  void pagingByPositionWalksEveryMatchingRecordOnce() {
    List<AuditRecord> acme = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      AuditRecord record = append(entry(i % 3 == 0 ? "globex" : "acme", i / 4, "u" + i % 2, ""));
      if (!record.tenantId().equals("globex")) {
        acme.add(0, record);
      }
    }

    assertThat(walk("acme", 4)).containsExactlyElementsOf(acme);
    assertThat(walk(null, 5)).hasSize(23).doesNotHaveDuplicates();
    assertThat(seqs(walk(null, 5))).isSortedAccordingTo((x, y) -> Long.compare(y, x));
  }

  private List<AuditRecord> walk(String tenant, int pageSize) {
    List<AuditRecord> seen = new ArrayList<>();
    long before = 0;
    for (int page = 0; page < 100; page++) {
      List<AuditRecord> rows =
          log().audit(new AuditQuery(tenant, null, null, null, null, before, pageSize));
      assertThat(rows.size()).isLessThanOrEqualTo(pageSize);
      seen.addAll(rows);
      if (rows.size() < pageSize) {
        break;
      }
      before = rows.get(rows.size() - 1).seq();
    }
    return seen;
  }

  @Test
  void concurrentAppendsGetDistinctGrowingPositionsAndAreAllFound() throws Exception {
    int threads = 8;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String actor = "writer-" + t;
        Callable<List<Long>> appends = () -> {
          start.await();
          List<Long> mine = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            mine.add(log().appendAudit(entry("acme", 0, actor, "n" + i)));
          }
          return mine;
        };
        results.add(pool.submit(appends));
      }
      start.countDown();
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> result : results) {
        List<Long> mine = result.get(120, TimeUnit.SECONDS);
        assertThat(mine).as("each append after the last").isSorted().doesNotHaveDuplicates();
        all.addAll(mine);
      }

      assertThat(all).hasSize(threads * perThread);
      List<AuditRecord> found = walk("acme", 500);
      assertThat(seqs(found)).containsExactlyInAnyOrderElementsOf(all);
      assertThat(log().audit(new AuditQuery("acme", null, null, "writer-3", null, 0, 1000)))
          .hasSize(perThread).allSatisfy(r -> assertThat(r.actorId()).isEqualTo("writer-3"));
    } finally {
      pool.shutdownNow();
    }
  }

  // --- purge -------------------------------------------------------------------------------

  @Test
  void purgeDeletesRecordsDatedBeforeTheCutoffOldestFirstInBatches() {
    AuditRecord minute1 = append(entry("acme", 1, "u1", ""));
    append(entry("globex", 0, "u1", ""));
    AuditRecord minute2 = append(entry("acme", 2, "u1", ""));
    AuditRecord atCutoff = append(entry("acme", 3, "u1", ""));
    AuditRecord late = append(entry(AuditRecord.DEPLOYMENT, 5, "u1", ""));

    assertThat(log().purgeAuditBefore(at(3), 2)).isEqualTo(2);
    assertThat(log().audit(all(10))).containsExactly(late, atCutoff, minute2);
    assertThat(log().purgeAuditBefore(at(3), 2)).as("fewer than the limit: none left")
        .isEqualTo(1);
    assertThat(log().purgeAuditBefore(at(3), 2)).isZero();
    assertThat(log().audit(all(10))).containsExactly(late, atCutoff).doesNotContain(minute1);
  }
}
