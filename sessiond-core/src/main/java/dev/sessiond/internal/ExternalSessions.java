package dev.sessiond.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sessiond.ClientType;
import dev.sessiond.ErrorCode;
import dev.sessiond.EngineSettings;
import dev.sessiond.Session;
import dev.sessiond.SessionPolicy;
import dev.sessiond.SessionStatus;
import dev.sessiond.SessiondException;
import dev.sessiond.UserAgentParser;
import dev.sessiond.Verification;
import dev.sessiond.VerifiedToken;
import dev.sessiond.VerifyContext;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verifies tokens of external issuers and records their sessions the first time one of their
 * valid tokens is seen, so they show in listings and can be revoked. Sessions known to exist are
 * remembered for a while, so verifying the next token of a known session does not touch the store.
 */
public final class ExternalSessions {
  private static final long MAX_KNOWN = 200_000;

  private final SessionStore store;
  private final EngineSettings settings;
  private final UserAgentParser userAgents;
  private final TokenAuthority tokens;
  private final ExternalTokens external;
  private final Clock clock;
  private final AuditTrail audit;
  private final Cache<String, Boolean> known;

  /**
   * @param recheckAfter how long a session is taken to exist before the store is read again
   * @param audit where the first sight of a session (a write) is recorded
   */
  public ExternalSessions(SessionStore store, EngineSettings settings, UserAgentParser userAgents,
      TokenAuthority tokens, ExternalTokens external, Clock clock, Duration recheckAfter,
      AuditTrail audit) {
    this.store = store;
    this.settings = settings;
    this.userAgents = userAgents;
    this.tokens = tokens;
    this.external = external;
    this.clock = clock;
    this.audit = audit;
    this.known = Caffeine.newBuilder().maximumSize(MAX_KNOWN).expireAfterWrite(recheckAfter)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
  }

  /**
   * Verifies a token that is not sessiond's own as an external issuer's: signature and claims,
   * then the session (recorded at first sight), then every revocation.
   */
  public Verification verify(String accessToken, VerifyContext context) {
    if (external.isEmpty()) {
      return Verification.rejected(Verification.Outcome.INVALID);
    }
    ExternalTokens.Result result = external.verify(accessToken, context.tenantId());
    if (!result.ok()) {
      return Verification.rejected(result.failure() == ExternalTokens.Failure.EXPIRED
          ? Verification.Outcome.EXPIRED : Verification.Outcome.INVALID);
    }
    if (!isKnown(result.token())) {
      ensure(result.token(), result.sessionName(), context);
    }
    return tokens.rejectsExternal(result.token(), result.sessionName())
        ? Verification.rejected(Verification.Outcome.REVOKED) : Verification.active(result.token());
  }

  /**
   * Opens (or finds) the session of an external token set; see {@link
   * dev.sessiond.SessionEngine#openFromTokenSet}.
   */
  public Session openFromTokenSet(String accessToken, String idToken, VerifyContext context) {
    ExternalTokens.Result access = external.verify(accessToken, context.tenantId());
    if (access.failure() == ExternalTokens.Failure.MISSING_SESSION_CLAIM) {
      throw new SessiondException(ErrorCode.MISSING_SESSION_CLAIM,
          "the access token has no session claim (the issuer is configured to name sessions by a "
              + "claim the token lacks)");
    }
    if (!access.ok()) {
      throw new SessiondException(ErrorCode.INVALID_TOKEN,
          "the access token is not a valid token of a trusted issuer");
    }
    if (idToken != null && !idToken.isEmpty()) {
      ExternalTokens.Result id = external.verify(idToken, access.token().tenantId());
      boolean sameIssuer = id.issuer() != null && id.issuer().issuer().equals(access.issuer().issuer());
      boolean verified = id.ok() || id.failure() == ExternalTokens.Failure.MISSING_SESSION_CLAIM;
      if (!verified || !sameIssuer || !access.subject().equals(id.subject())) {
        throw new SessiondException(ErrorCode.INVALID_TOKEN,
            "the ID token does not verify, or names another subject or issuer");
      }
    }
    SessionRecord record = ensure(access.token(), access.sessionName(), context);
    if (tokens.rejectsExternal(access.token(), access.sessionName())) {
      throw new SessiondException(ErrorCode.SESSION_NOT_ACTIVE, "the session has been revoked");
    }
    return Session.of(record, clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Makes sure the session of an accepted external token exists, creating it at first sight.
   *
   * @return the record as stored now
   * @throws SessiondException {@link dev.sessiond.ErrorCode#UNAVAILABLE} if the store fails
   */
  private SessionRecord ensure(VerifiedToken token, String sessionName, VerifyContext context) {
    SessionRecord existing = store.find(token.sessionId()).orElse(null);
    if (existing == null) {
      SessionRecord fresh = record(token, sessionName, context);
      try {
        store.insert(fresh);
        existing = fresh;
        audit.system("session.opened", fresh.tenantId(), fresh.id(),
            "external_issuer=" + token.issuer());
      } catch (IllegalStateException raced) {
        existing = store.find(token.sessionId()).orElseThrow(() -> raced);
      }
    }
    if (existing.status() == SessionStatus.REVOKED) {
      tokens.sessionRevoked(existing.id(), token.expiresAt());
    } else {
      known.put(existing.id(), Boolean.TRUE);
    }
    return existing;
  }

  /** Whether the session of {@code token} is known to exist, so {@link #ensure} can be skipped. */
  private boolean isKnown(VerifiedToken token) {
    return known.getIfPresent(token.sessionId()) != null;
  }

  private SessionRecord record(VerifiedToken token, String sessionName, VerifyContext context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String userAgent = context.userAgent() == null || context.userAgent().length() > 1024
        ? "" : context.userAgent();
    UserAgentParser.ParsedUserAgent agent = userAgents.parse(userAgent);
    SessionPolicy policy = settings.policyFor(token.tenantId());
    Instant absolute = now.plus(policy.absoluteLifetime());
    Instant idle = now.plus(policy.idleTimeout());
    return new SessionRecord(token.sessionId(), token.tenantId(), token.subject(),
        clip(token.username()), token.roles().size() > 64 ? token.roles().subList(0, 64) : token.roles(),
        userAgent.isEmpty() ? ClientType.API : agent.clientType(), "", ipOrEmpty(context.ip()),
        userAgent, agent.browser(), agent.os(),
        Map.of("issuer", clip(token.issuer()), "sessionName", clip(sessionName)), now, now,
        idle.isBefore(absolute) ? idle : absolute, absolute, policy.idleTimeout(),
        SessionStatus.ACTIVE, null);
  }

  private static String ipOrEmpty(String ip) {
    try {
      return FieldRules.ip("ip", ip);
    } catch (SessiondException notAnIp) {
      return "";
    }
  }

  private static String clip(String value) {
    return value.length() > 256 ? value.substring(0, 256) : value;
  }
}
