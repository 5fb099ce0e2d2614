package dev.sessiond.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.store.Cursor;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class PageTokensTest {

  @Property
  void everyCursorRoundTrips(@ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long millis) {
    Cursor cursor = new Cursor(Instant.ofEpochMilli(millis), SessionIds.generate());
    String token = PageTokens.encode(cursor);

    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(PageTokens.decode(token)).isEqualTo(cursor);
  }

  @Property
  void garbageIsAnInvalidTokenNeverAnotherError(@ForAll String garbage) {
    if (garbage.isEmpty()) {
      assertThat(PageTokens.decode(garbage)).isNull();
      return;
    }
    assertThatThrownBy(() -> PageTokens.decode(garbage))
        .isInstanceOfSatisfying(SessiondException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PAGE_TOKEN));
  }
}
