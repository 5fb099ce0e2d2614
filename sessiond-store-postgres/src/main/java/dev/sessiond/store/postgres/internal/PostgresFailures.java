package dev.sessiond.store.postgres.internal;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Sorts the {@link SQLException}s of PostgreSQL and the pool into what the store throws. The
 * backend being unreachable, overloaded, shutting down, read-only (a standby) or losing the
 * connection is {@link ErrorCode#UNAVAILABLE}; a value PostgreSQL cannot hold (SQLState class 22,
 * such as a U+0000 character) is an {@link IllegalArgumentException}; anything else is a
 * programming error, an {@link IllegalStateException}. Messages name the operation and, for the
 * last two, the SQLState; never a row value, a URL or a credential. The driver is configured not
 * to put server details (which quote rows) into its own messages, so the cause is kept for logs.
 */
public final class PostgresFailures {
  /** SQLState of a unique violation. */
  public static final String UNIQUE_VIOLATION = "23505";
  /** SQLState of a foreign-key violation. */
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String READ_ONLY_TRANSACTION = "25006";
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK_DETECTED = "40P01";

  private PostgresFailures() {}

  /** Whether {@code e} failed with {@code sqlState}. */
  public static boolean is(SQLException e, String sqlState) {
    return sqlState.equals(e.getSQLState());
  }

  /**
   * Whether the transaction that failed with {@code e} may simply run again: a serialization
   * failure or a deadlock undid it whole.
   */
  public static boolean isRetryable(SQLException e) {
    return is(e, SERIALIZATION_FAILURE) || is(e, DEADLOCK_DETECTED);
  }

  /** Whether {@code e} says the backend is not there or cannot serve now. */
  public static boolean isUnavailable(SQLException e) {
    if (e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException) {
      return true;
    }
    String state = e.getSQLState();
    if (state == null || state.length() != 5 || READ_ONLY_TRANSACTION.equals(state)) {
      return true;
    }
    return switch (state.substring(0, 2)) {
      // connection, transaction rollback (after retries), resources, operator, system, internal
      case "08", "40", "53", "57", "58", "XX" -> true;
      default -> false;
    };
  }

  /**
   * What the store throws for {@code e}, raised while it tried to {@code action} (such as
   * "write"): a {@link SessiondException} with {@link ErrorCode#UNAVAILABLE}, an {@link
   * IllegalArgumentException} or an {@link IllegalStateException}, with {@code e} as its cause.
   */
  public static RuntimeException of(String action, SQLException e) {
    if (isUnavailable(e)) {
      return unavailable("the session store could not " + action, e);
    }
    if (e.getSQLState().startsWith("22")) {
      return new IllegalArgumentException("the session store could not " + action
          + ": PostgreSQL cannot hold a value given (SQLState " + e.getSQLState() + ")", e);
    }
    return new IllegalStateException("the session store could not " + action
        + " (SQLState " + e.getSQLState() + ")", e);
  }

  /** An {@link ErrorCode#UNAVAILABLE} failure saying {@code detail}, caused by {@code cause}. */
  public static SessiondException unavailable(String detail, Throwable cause) {
    SessiondException failure = new SessiondException(ErrorCode.UNAVAILABLE, detail);
    if (cause != null) {
      failure.initCause(cause);
    }
    return failure;
  }
}
