package dev.sessiond.spring.websocket;

import dev.sessiond.client.verify.ConnectionRegistry;
import dev.sessiond.spring.SessiondAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.WebSocketHandler;

/** A {@link SessiondWebSockets} bean when Spring WebSocket is on the class path. */
@AutoConfiguration(after = SessiondAutoConfiguration.class)
@ConditionalOnClass(WebSocketHandler.class)
public class SessiondWebSocketAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public SessiondWebSockets sessiondWebSockets(ConnectionRegistry connections) {
    return new SessiondWebSockets(connections);
  }
}
