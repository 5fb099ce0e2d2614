package dev.sessiond.client.model;

import java.util.List;
import java.util.Optional;

/**
 * One page of a search, newest first.
 *
 * @param items never {@code null}, may be empty
 * @param nextPageToken pass it back for the next page; {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** Whether a next page exists. */
  public boolean hasNext() {
    return nextPageToken != null;
  }

  /** {@link #nextPageToken()}, or empty on the last page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextPageToken);
  }
}
