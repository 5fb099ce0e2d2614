package dev.sessiond.spring.websocket;

import dev.sessiond.client.verify.ConnectionRegistry;
import dev.sessiond.client.verify.VerifiedSession;
import dev.sessiond.spring.security.SessiondAuthentication;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * WebSocket sessions tied to sessiond sessions: {@link #decorate} a handler, and each connection
 * is registered in the {@link ConnectionRegistry} under the sessiond session of its handshake;
 * when that session is revoked, blacklisted or expires, the connection is closed with {@link
 * CloseStatus#POLICY_VIOLATION} and the reason, whichever node the revoke went to. Register the
 * handler with {@link #handshakeInterceptor()} so the handshake's session is kept.
 */
public final class SessiondWebSockets {
  /** The attribute of a WebSocket session that holds its {@link VerifiedSession}. */
  public static final String SESSION_ATTRIBUTE = "sessiond.session";
  private static final String REGISTRATION_ATTRIBUTE = "sessiond.registration";

  private final ConnectionRegistry registry;

  public SessiondWebSockets(ConnectionRegistry registry) {
    this.registry = registry;
  }

  /**
   * Keeps the handshake's sessiond session (from the authenticated principal) in the WebSocket
   * session's attributes; refuses the handshake (403) when the request was not authenticated by
   * sessiond.
   */
  public HandshakeInterceptor handshakeInterceptor() {
    return new HandshakeInterceptor() {
      @Override
      public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
          WebSocketHandler handler, Map<String, Object> attributes) {
        Principal principal = request.getPrincipal();
        if (principal instanceof SessiondAuthentication authentication) {
          attributes.put(SESSION_ATTRIBUTE, authentication.getPrincipal());
          return true;
        }
        response.setStatusCode(org.springframework.http.HttpStatus.FORBIDDEN);
        return false;
      }

      @Override
      public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
          WebSocketHandler handler, Exception failure) {
        // Nothing to do.
      }
    };
  }

  /** {@code handler}, with each connection closed when its sessiond session ends. */
  public WebSocketHandler decorate(WebSocketHandler handler) {
    return new WebSocketHandlerDecorator(handler) {
      @Override
      public void afterConnectionEstablished(WebSocketSession connection) throws Exception {
        Object session = connection.getAttributes().get(SESSION_ATTRIBUTE);
        if (session instanceof VerifiedSession verified) {
          connection.getAttributes().put(REGISTRATION_ATTRIBUTE,
              registry.register(verified, reason -> closeQuietly(connection, reason)));
        }
        super.afterConnectionEstablished(connection);
      }

      @Override
      public void afterConnectionClosed(WebSocketSession connection, CloseStatus status)
          throws Exception {
        Object registration = connection.getAttributes().remove(REGISTRATION_ATTRIBUTE);
        if (registration instanceof ConnectionRegistry.Registration open) {
          open.close();
        }
        super.afterConnectionClosed(connection, status);
      }
    };
  }

  private static void closeQuietly(WebSocketSession connection, String reason) {
    try {
      connection.close(CloseStatus.POLICY_VIOLATION.withReason(reason));
    } catch (java.io.IOException | RuntimeException e) {
      // Already closing or gone: the registry is done with it either way.
    }
  }
}
