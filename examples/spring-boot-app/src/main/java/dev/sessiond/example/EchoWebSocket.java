package dev.sessiond.example;

import dev.sessiond.spring.websocket.SessiondWebSockets;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/echo}: sends every text message back. The handshake needs a sessiond session (the
 * security chain checks it), and the connection is closed when that session ends.
 */
@Configuration
@EnableWebSocket
public class EchoWebSocket implements WebSocketConfigurer {
  private final SessiondWebSockets sessiond;

  public EchoWebSocket(SessiondWebSockets sessiond) {
    this.sessiond = sessiond;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(sessiond.decorate(new TextWebSocketHandler() {
      @Override
      protected void handleTextMessage(WebSocketSession session, TextMessage message)
          throws Exception {
        session.sendMessage(new TextMessage(message.getPayload()));
      }
    }), "/ws/echo").addInterceptors(sessiond.handshakeInterceptor());
  }
}
