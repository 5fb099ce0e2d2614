package dev.sessiond.spring;

import dev.sessiond.client.ClientConfig;
import dev.sessiond.client.SessiondClient;
import dev.sessiond.client.verify.ConnectionRegistry;
import dev.sessiond.client.verify.LocalVerifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The sessiond SDK as beans: the {@link ClientConfig} from {@link SessiondProperties}, a {@link
 * SessiondClient}, a {@link LocalVerifier} that starts following the server's event feed with the
 * application, and its {@link ConnectionRegistry}. Each can be replaced by a bean of one's own.
 */
@AutoConfiguration
@EnableConfigurationProperties(SessiondProperties.class)
public class SessiondAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public ClientConfig sessiondClientConfig(SessiondProperties properties) {
    return properties.toClientConfig();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SessiondClient sessiondClient(ClientConfig config) {
    return SessiondClient.create(config);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public LocalVerifier sessiondVerifier(ClientConfig config) {
    return LocalVerifier.start(config);
  }

  @Bean
  @ConditionalOnMissingBean
  public ConnectionRegistry sessiondConnections(LocalVerifier verifier) {
    return verifier.connections();
  }
}
