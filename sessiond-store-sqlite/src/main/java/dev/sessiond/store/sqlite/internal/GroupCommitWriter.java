package dev.sessiond.store.sqlite.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of an SQLite file, with group commit. Callers queue {@link WriteTask}s; the
 * writer thread takes whatever is queued (up to a cap), runs it in one transaction with a savepoint
 * per task, commits once (one fsync under {@code synchronous=FULL}) and only then completes the
 * tasks' futures. A task that fails rolls back to its savepoint and fails alone; a batch whose
 * transaction fails (for example at {@code COMMIT}) fails every task in it. After each commit,
 * before the futures complete, it runs the {@code afterCommit} hook it was given.
 *
 * <p>Logs say how many writes failed and why, never what they held.
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final Pending<Void> STOP = new Pending<>(null);

  private final StatementCache statements;
  private final int maxBatch;
  private final Runnable afterCommit;
  private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong committedWrites = new AtomicLong();
  private boolean closed; // guarded by gate

  /**
   * Starts the writer thread.
   *
   * @param statements the writer connection's statements, in autocommit mode; closed by {@link
   *     #close}
   * @param maxBatch the most tasks in one transaction, at least 1
   * @param afterCommit run on the writer thread after each transaction that committed, before its
   *     callers return; must not throw
   */
  public GroupCommitWriter(StatementCache statements, int maxBatch, Runnable afterCommit) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.statements = statements;
    this.maxBatch = maxBatch;
    this.afterCommit = afterCommit;
    this.thread = new Thread(this::run, "sqlite-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code task} and waits until its transaction committed (or failed).
   *
   * @return what the task returned
   * @throws RuntimeException what the task threw; an {@link SQLException} comes as a {@link
   *     SessiondException} with {@link ErrorCode#UNAVAILABLE}, as does a write after {@link #close}
   */
  public <T> T execute(WriteTask<T> task) {
    try {
      return submit(task).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Queues {@code task}. The future completes once its transaction committed, or exceptionally with
   * what {@link #execute} would throw.
   */
  public <T> CompletableFuture<T> submit(WriteTask<T> task) {
    Pending<T> pending = new Pending<>(task);
    gate.readLock().lock();
    try {
      if (closed) {
        throw new SessiondException(ErrorCode.UNAVAILABLE, "the session store is closed");
      }
      queue.add(pending);
    } finally {
      gate.readLock().unlock();
    }
    return pending.future;
  }

  /** How many tasks wait for the writer thread right now. */
  public int queued() {
    return queue.size();
  }

  /** How many transactions have committed. */
  public long commits() {
    return commits.get();
  }

  /** How many tasks have been part of a committed transaction, failed or not. */
  public long committedWrites() {
    return committedWrites.get();
  }

  /**
   * Lets every queued task finish, stops the thread and closes the connection. Writes submitted
   * afterwards fail. Does nothing the second time.
   */
  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    } finally {
      gate.writeLock().unlock();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Pending<?>> batch = new ArrayList<>(maxBatch);
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // Nobody interrupts this thread on purpose; keep serving.
      }
      queue.drainTo(batch, maxBatch - 1);
      // STOP is the last thing ever queued, so it can only be the last of a batch.
      if (batch.get(batch.size() - 1) == STOP) {
        batch.remove(batch.size() - 1);
        stopping = true;
      }
      if (!batch.isEmpty()) {
        try {
          commit(batch);
        } catch (Throwable e) {
          failAll(batch, e);
        }
      }
      batch.clear();
    }
    try {
      statements.close();
    } catch (SQLException e) {
      LOG.warn("closing the writer connection failed", e);
    }
  }

  private void commit(List<Pending<?>> batch) {
    try {
      statements.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      failAll(batch, e);
      return;
    }
    try {
      for (Pending<?> pending : batch) {
        statements.execute("SAVEPOINT task");
        try {
          pending.run(statements);
        } catch (RuntimeException | SQLException e) {
          pending.failure = e;
          statements.execute("ROLLBACK TO task");
        }
        statements.execute("RELEASE task");
      }
      statements.execute("COMMIT");
    } catch (SQLException | RuntimeException | Error e) {
      rollbackQuietly();
      failAll(batch, e);
      return;
    }
    commits.incrementAndGet();
    committedWrites.addAndGet(batch.size());
    afterCommit.run();
    for (Pending<?> pending : batch) {
      pending.complete();
    }
  }

  private void rollbackQuietly() {
    try {
      statements.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may have rolled back already (the transaction is gone); nothing is left to undo.
    }
  }

  private void failAll(List<Pending<?>> batch, Throwable cause) {
    LOG.error("a group commit of {} writes failed; none of them is stored", batch.size(), cause);
    RuntimeException failure = translate(cause);
    for (Pending<?> pending : batch) {
      pending.future.completeExceptionally(failure);
    }
  }

  private static RuntimeException translate(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    SessiondException unavailable =
        new SessiondException(ErrorCode.UNAVAILABLE, "the session store could not write");
    unavailable.initCause(failure);
    return unavailable;
  }

  /** A queued task, its outcome once run, and the future its caller waits on. */
  private static final class Pending<T> {
    final WriteTask<T> task;
    final CompletableFuture<T> future = new CompletableFuture<>();
    T result;
    Exception failure;

    Pending(WriteTask<T> task) {
      this.task = task;
    }

    void run(StatementCache statements) throws SQLException {
      result = task.run(statements);
    }

    void complete() {
      if (failure == null) {
        future.complete(result);
      } else {
        future.completeExceptionally(translate(failure));
      }
    }
  }
}
