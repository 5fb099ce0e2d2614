package dev.sessiond.client.model;

/**
 * A search of one tenant's sessions. Every member may be {@code null} for "no filter" (or the
 * server's default); start from {@link #all()} and narrow with the setters that return a copy:
 *
 * <pre>{@code SearchQuery.all().username("ali").status(SessionStatus.ACTIVE).pageSize(10)}</pre>
 *
 * @param tenantId {@code null}: the client's configured tenant
 * @param username sessions whose username starts with this (case-sensitive)
 * @param ip sessions from exactly this address
 * @param ipPrefix sessions whose address starts with this, such as {@code 10.1.}
 * @param pageSize 1 to 100; {@code null}: 20
 * @param pageToken {@link Page#nextPageToken()} of the previous page; {@code null}: the first
 */
public record SearchQuery(String tenantId, String username, String ip, String ipPrefix,
    ClientType clientType, SessionStatus status, Integer pageSize, String pageToken) {
  /** Every session of the tenant, first page. */
  public static SearchQuery all() {
    return new SearchQuery(null, null, null, null, null, null, null, null);
  }

  public SearchQuery tenantId(String value) {
    return new SearchQuery(value, username, ip, ipPrefix, clientType, status, pageSize, pageToken);
  }

  public SearchQuery username(String value) {
    return new SearchQuery(tenantId, value, ip, ipPrefix, clientType, status, pageSize, pageToken);
  }

  public SearchQuery ip(String value) {
    return new SearchQuery(tenantId, username, value, ipPrefix, clientType, status, pageSize, pageToken);
  }

  public SearchQuery ipPrefix(String value) {
    return new SearchQuery(tenantId, username, ip, value, clientType, status, pageSize, pageToken);
  }

  public SearchQuery clientType(ClientType value) {
    return new SearchQuery(tenantId, username, ip, ipPrefix, value, status, pageSize, pageToken);
  }

  public SearchQuery status(SessionStatus value) {
    return new SearchQuery(tenantId, username, ip, ipPrefix, clientType, value, pageSize, pageToken);
  }

  public SearchQuery pageSize(Integer value) {
    return new SearchQuery(tenantId, username, ip, ipPrefix, clientType, status, value, pageToken);
  }

  public SearchQuery pageToken(String value) {
    return new SearchQuery(tenantId, username, ip, ipPrefix, clientType, status, pageSize, value);
  }
}
