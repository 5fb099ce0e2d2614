package dev.sessiond.server.internal;

import dev.sessiond.CapabilityContext;
import dev.sessiond.ErrorCode;
import dev.sessiond.Method;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessiondException;
import dev.sessiond.Verification;
import dev.sessiond.VerifyContext;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers both introspection endpoints: verifies a token in the caller's context and writes the RFC
 * 7662 answer. Without external issuers verification never touches the store, so it runs on the
 * event loop; with them, the first token of an external session records the session in the store,
 * so it runs on the worker pool.
 */
final class Introspector {
  private static final Logger LOG = LoggerFactory.getLogger(Introspector.class);
  private static final Verification NOT_ACTIVE =
      Verification.rejected(Verification.Outcome.INVALID);

  private final SessionEngine engine;
  private final Blocking blocking;
  private final boolean onWorkers;

  /** @param onWorkers whether verifying may write to the store (external issuers are configured) */
  Introspector(SessionEngine engine, Blocking blocking, boolean onWorkers) {
    this.engine = engine;
    this.blocking = blocking;
    this.onWorkers = onWorkers;
  }

  /** Verifies {@code token} and answers 200 with the introspection, or a 503 problem. */
  void answer(RoutingContext ctx, String token, VerifyContext context) {
    CapabilityContext caller = CallerAuth.context(ctx);
    // A refusal is audited (a store write), so a caller that may not verify goes to a worker.
    if (onWorkers || !caller.caller().methods().contains(Method.SESSIONS_VERIFY)) {
      blocking.run(ctx, () -> verify(caller, token, context), Introspector::reply);
    } else {
      reply(ctx, verify(caller, token, context));
    }
  }

  private static void reply(RoutingContext ctx, Verification verification) {
    Replies.json(ctx, 200, TokenViews.introspection(verification));
  }

  /**
   * {@link SessionEngine#verify(String, VerifyContext)}, which also makes a token of another tenant
   * than the context names invalid. Bad tokens never throw; should verification fail all the same,
   * the token counts as not active (logged, without the token). Only a store that cannot record a
   * new external session is an error ({@code unavailable}): the token may well be good.
   */
  private Verification verify(CapabilityContext caller, String token, VerifyContext context) {
    Verification verification;
    try {
      verification = engine.verify(caller, token, context);
    } catch (SessiondException e) {
      if (e.code() == ErrorCode.UNAVAILABLE || e.code().status() == 403) {
        throw e;
      }
      LOG.warn("verification failed unexpectedly ({}); answering not active", e.code().code());
      return NOT_ACTIVE;
    } catch (RuntimeException e) {
      LOG.warn("verification failed unexpectedly; answering not active", e);
      return NOT_ACTIVE;
    }
    return verification;
  }
}
