package dev.sessiond.store.sqlite.internal;

import java.util.concurrent.TimeUnit;

/**
 * Tells threads of this process that wait for events when a transaction that appended some has
 * committed. The writer thread marks each append ({@link #appended}) and calls {@link #committed}
 * after every commit; only a commit after an append wakes the waiters. A batch whose transaction
 * failed, or a write rolled back after it appended, leaves a mark that makes the next commit wake
 * them for nothing, which waiters tolerate: they read again before they return or wait on.
 *
 * <p>Writes by other processes on the same file do not signal here.
 */
public final class EventSignal {
  private boolean appended; // touched by the writer thread only
  private long commits; // guarded by this

  /** Marks that the current transaction appended an event. Writer thread only. */
  public void appended() {
    appended = true;
  }

  /** Wakes the waiters if the transaction that just committed appended. Writer thread only. */
  public void committed() {
    if (appended) {
      appended = false;
      synchronized (this) {
        commits++;
        notifyAll();
      }
    }
  }

  /** How many signalling commits there have been; a waiter's starting point. */
  public synchronized long commits() {
    return commits;
  }

  /**
   * Waits until a commit after {@code seen} (a value of {@link #commits}) appended events, or
   * until {@link System#nanoTime} reaches {@code deadline}.
   *
   * @return whether such a commit happened; {@code false} when the deadline passed first
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public synchronized boolean awaitCommitAfter(long seen, long deadline)
      throws InterruptedException {
    while (commits == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
