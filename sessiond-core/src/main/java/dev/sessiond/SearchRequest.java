package dev.sessiond;

/**
 * A search for sessions inside one tenant. Every filter that is {@code null} matches everything.
 * Results come newest first ({@code loginAt} descending, then {@code id} descending); paging forward
 * with {@link Page#nextPageToken()} is stable while sessions are added.
 *
 * @param tenantId required
 * @param usernamePrefix sessions whose username starts with it; {@code null} for any
 * @param ip sessions from exactly this IP; {@code null} for any
 * @param ipPrefix sessions whose IP starts with it, such as {@code "10.1."}; {@code null} for any
 * @param clientType {@code null} for any
 * @param status {@code null} for any
 * @param pageSize 1 to {@link #MAX_PAGE_SIZE}; 0 means {@link #DEFAULT_PAGE_SIZE}
 * @param pageToken from a previous page; {@code null} for the first page
 */
public record SearchRequest(
    String tenantId,
    String usernamePrefix,
    String ip,
    String ipPrefix,
    ClientType clientType,
    SessionStatus status,
    int pageSize,
    String pageToken) {

  /** The page size used when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 20;
  /** The largest page size accepted. */
  public static final int MAX_PAGE_SIZE = 100;

  /** The first page of every session in {@code tenantId}. */
  public static SearchRequest inTenant(String tenantId) {
    return new SearchRequest(tenantId, null, null, null, null, null, 0, null);
  }

  /** This search with another page token. */
  public SearchRequest withPageToken(String token) {
    return new SearchRequest(
        tenantId, usernamePrefix, ip, ipPrefix, clientType, status, pageSize, token);
  }
}
