package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

/**
 * Waiting for something another process or thread does: polls a condition until it holds, and
 * fails the test if it does not within {@link EventStreamClient#PATIENCE}. A generous bound, never
 * a timing assertion.
 */
final class Eventually {
  private Eventually() {}

  /** Polls {@code condition} every 10 ms until it holds; fails with {@code what} otherwise. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + EventStreamClient.PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as(what).isNegative();
      Thread.sleep(10);
    }
  }
}
