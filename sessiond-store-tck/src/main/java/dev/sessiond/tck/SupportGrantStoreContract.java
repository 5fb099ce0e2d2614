package dev.sessiond.tck;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.GrantStatus;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link SupportGrantStore}: grants kept per tenant behind its wall, ended once,
 * swept when due, and the sessions opened under one found by its id. A store's test class extends
 * this and implements {@link #newStore()}.
 */
public abstract class SupportGrantStoreContract extends StoreAbilityContract<SupportGrantStore> {
  protected SupportGrantStoreContract() {
    super(SupportGrantStore.class);
  }

  private SupportGrantStore grants() {
    return ability();
  }

  private static String id(int n) {
    return String.format("%032x", n);
  }

  /** Grant {@code n} of {@code tenant}, created at minute {@code created}, expiring at another. */
  private static SupportGrantRecord grant(int n, String tenant, long created, long expires) {
    return new SupportGrantRecord(id(n), tenant, "ticket " + n, at(created), "user:alice",
        at(expires), GrantStatus.ACTIVE, null, null);
  }

  private SupportGrantRecord insert(SupportGrantRecord grant) {
    grants().insertGrant(grant);
    return grant;
  }

  private static List<String> ids(List<SupportGrantRecord> records) {
    return records.stream().map(SupportGrantRecord::id).collect(Collectors.toList());
  }

  // --- insert and find ---------------------------------------------------------------------

  @Test
  void grantsReadBackFieldForFieldInEveryStatus() {
    SupportGrantRecord active = insert(new SupportGrantRecord(id(1), "acme",
        "INC-42: \"login loop\" 山田", at(0), "user:alice", at(60), GrantStatus.ACTIVE, null, null));
    SupportGrantRecord revoked = insert(grant(2, "acme", 0, 60)
        .endedAs(GrantStatus.REVOKED, at(5), "org_admin:bob"));
    SupportGrantRecord expired = insert(new SupportGrantRecord(id(3), "acme", "", at(0), "",
        at(1), GrantStatus.EXPIRED, at(1), Ending.SYSTEM));

    assertThat(grants().findGrant("acme", id(1))).contains(active);
    assertThat(grants().findGrant("acme", id(2))).contains(revoked);
    assertThat(grants().findGrant("acme", id(3))).contains(expired);
  }

  @Test
  void insertOfAnExistingIdThrowsAndKeepsTheFirst() {
    SupportGrantRecord first = insert(grant(1, "acme", 0, 60));

    assertThatThrownBy(() -> grants().insertGrant(grant(1, "acme", 5, 90)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> grants().insertGrant(grant(1, "globex", 5, 90)))
        .as("even in another tenant").isInstanceOf(IllegalStateException.class);
    assertThat(grants().findGrant("acme", id(1))).contains(first);
    assertThat(grants().findGrant("globex", id(1))).isEmpty();
  }

  @Test
  void findIsEmptyForAnUnknownIdAndBehindTheTenantWall() {
    insert(grant(1, "acme", 0, 60));

    assertThat(grants().findGrant("acme", id(2))).isEmpty();
    assertThat(grants().findGrant("globex", id(1))).isEmpty();
  }

  // --- listings ----------------------------------------------------------------------------

  @Test
  void grantsAreListedNewestFirstThenByIdInsideTheTenantUpToTheLimit() {
    insert(grant(1, "acme", 0, 60));
    insert(grant(4, "acme", 5, 60));
    insert(grant(2, "acme", 5, 60).endedAs(GrantStatus.REVOKED, at(6), "org_admin:bob"));
    insert(grant(3, "acme", 9, 10).endedAs(GrantStatus.EXPIRED, at(10), Ending.SYSTEM));
    insert(grant(5, "globex", 7, 60));

    assertThat(ids(grants().grants("acme", 10))).containsExactly(id(3), id(4), id(2), id(1));
    assertThat(ids(grants().grants("acme", 2))).containsExactly(id(3), id(4));
    assertThat(ids(grants().grants("globex", 10))).containsExactly(id(5));
    assertThat(grants().grants("initech", 10)).isEmpty();
  }

  @Test
  void activeGrantsAreThoseStoredActiveAndUnexpiredOfTheTenantLatestExpiryFirst() {
    SupportGrantRecord shortOne = insert(grant(1, "acme", 0, 20));
    SupportGrantRecord longOne = insert(grant(2, "acme", 1, 90));
    SupportGrantRecord middle = insert(grant(3, "acme", 2, 45));
    insert(grant(4, "acme", 0, 10));
    insert(grant(5, "acme", 0, 60));
    grants().endGrant(id(5), GrantStatus.REVOKED, at(3), "org_admin:bob");
    insert(grant(6, "globex", 0, 120));

    assertThat(grants().activeGrants("acme", at(10)))
        .as("grant 4 expires at the very minute").containsExactly(longOne, middle, shortOne);
    assertThat(grants().activeGrants("acme", at(9))).hasSize(4);
    assertThat(grants().activeGrants("acme", at(50))).containsExactly(longOne);
    assertThat(grants().activeGrants("acme", at(90))).isEmpty();
    assertThat(grants().activeGrants("initech", at(0))).isEmpty();
  }

  // --- ending ------------------------------------------------------------------------------

  @Test
  void endGrantEndsAnActiveGrantOnceAndKeepsTheFirstEnding() {
    SupportGrantRecord grant = insert(grant(1, "acme", 0, 60));

    assertThat(grants().endGrant(id(1), GrantStatus.REVOKED, at(5), "org_admin:bob")).isTrue();
    assertThat(grants().endGrant(id(1), GrantStatus.EXPIRED, at(60), Ending.SYSTEM)).isFalse();
    assertThat(grants().endGrant(id(1), GrantStatus.REVOKED, at(7), "org_admin:carol")).isFalse();
    assertThat(grants().endGrant(id(9), GrantStatus.REVOKED, at(7), "org_admin:carol")).isFalse();

    SupportGrantRecord ended = grants().findGrant("acme", id(1)).orElseThrow();
    assertThat(ended).isEqualTo(grant.endedAs(GrantStatus.REVOKED, at(5), "org_admin:bob"));
    assertThat(ended.isActiveAt(at(6))).isFalse();
    assertThat(grants().activeGrants("acme", at(6))).isEmpty();
  }

  @Test
  void aSweepMarksAGrantExpired() {
    SupportGrantRecord grant = insert(grant(1, "acme", 0, 60));

    assertThat(grants().endGrant(id(1), GrantStatus.EXPIRED, at(61), Ending.SYSTEM)).isTrue();

    assertThat(grants().findGrant("acme", id(1)))
        .contains(grant.endedAs(GrantStatus.EXPIRED, at(61), Ending.SYSTEM));
    assertThat(grants().grantsDueToExpire(at(100), 10)).isEmpty();
  }

  @Test
  void grantsDueToExpireAreStoredActiveOnesOfAnyTenantExpiredByNow() {
    SupportGrantRecord acme = insert(grant(1, "acme", 0, 10));
    SupportGrantRecord globex = insert(grant(2, "globex", 0, 20));
    SupportGrantRecord later = insert(grant(3, "acme", 0, 30));
    insert(grant(4, "acme", 0, 5).endedAs(GrantStatus.REVOKED, at(2), "org_admin:bob"));
    insert(grant(5, "acme", 0, 5).endedAs(GrantStatus.EXPIRED, at(5), Ending.SYSTEM));

    assertThat(grants().grantsDueToExpire(at(9), 10)).isEmpty();
    assertThat(grants().grantsDueToExpire(at(20), 10)).as("expiry at now is due")
        .containsExactlyInAnyOrder(acme, globex);
    assertThat(grants().grantsDueToExpire(at(30), 2)).hasSize(2)
        .isSubsetOf(acme, globex, later);
    assertThat(grants().grantsDueToExpire(at(30), 10))
        .containsExactlyInAnyOrder(acme, globex, later);
  }

  @Test
  void sweepingDueGrantsInBatchesEndsThemAll() {
    for (int n = 1; n <= 5; n++) {
      insert(grant(n, "t" + n % 2, 0, n));
    }

    int ended = 0;
    for (int round = 0; round < 5; round++) {
      List<SupportGrantRecord> due = grants().grantsDueToExpire(at(10), 2);
      for (SupportGrantRecord grant : due) {
        ended += grants().endGrant(grant.id(), GrantStatus.EXPIRED, at(10), Ending.SYSTEM) ? 1 : 0;
      }
      if (due.size() < 2) {
        break;
      }
    }

    assertThat(ended).isEqualTo(5);
    assertThat(grants().findGrant("t1", id(1)).orElseThrow().status())
        .isEqualTo(GrantStatus.EXPIRED);
  }

  // --- sessions opened under a grant --------------------------------------------------------

  private SessionRecord session(String grantId) {
    SessionRecord record = openedAt(at(0)).tenant("acme").supportGrant(grantId).build();
    store.insert(record);
    return record;
  }

  @Test
  void activeSessionsUnderAGrantAreThoseStoredActiveWithItsId() {
    insert(grant(1, "acme", 0, 60));
    insert(grant(2, "acme", 0, 60));
    SessionRecord first = session(id(1));
    SessionRecord second = session(id(1));
    SessionRecord revoked = session(id(1));
    store.revoke(revoked.id(), new Ending(at(1), "logout", "global_admin:root"));
    session(id(2));
    session("");

    assertThat(grants().activeSessionsUnderGrant(id(1), 10))
        .containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(grants().activeSessionsUnderGrant(id(2), 10)).hasSize(1);
    assertThat(grants().activeSessionsUnderGrant(id(3), 10)).isEmpty();
    assertThat(grants().activeSessionsUnderGrant("", 10)).as("no grant names no sessions")
        .isEmpty();
  }

  @Test
  void activeSessionsUnderAGrantComeInBatchesOfTheLimit() {
    insert(grant(1, "acme", 0, 60));
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(session(id(1)).id());
    }
    session("");

    List<String> seen = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      List<String> batch = grants().activeSessionsUnderGrant(id(1), 2);
      assertThat(batch.size()).isLessThanOrEqualTo(2);
      for (String sessionId : batch) {
        assertThat(store.revoke(sessionId, new Ending(at(2), "grant_revoked", "system"))).isTrue();
        seen.add(sessionId);
      }
      if (batch.size() < 2) {
        break;
      }
    }

    assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    assertThat(grants().activeSessionsUnderGrant(id(1), 2)).isEmpty();
  }
}
