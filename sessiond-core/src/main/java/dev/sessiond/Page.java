package dev.sessiond;

import java.util.List;
import java.util.Optional;

/**
 * One page of results.
 *
 * @param items never {@code null}; may be empty
 * @param nextPageToken the token for the next page, or {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {
  public Page {
    items = List.copyOf(items);
  }

  /** The token for the next page, or empty on the last page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextPageToken);
  }
}
