package org.safeguardflow.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway first, then the engine. On a fresh database the engine would otherwise create its tables
 * before Flyway looks, Flyway would find a schema that is not empty and baseline it, and our own
 * tables would never be created — whichever bean happened to ask for the engine first decided.
 */
@Configuration(proxyBeanMethods = false)
class StartupOrder {

  static final String ENGINE = "processEngineFactoryBean";
  static final String FLYWAY = "flywayInitializer";

  @Bean
  static BeanFactoryPostProcessor engineAfterFlyway() {
    return beanFactory -> {
      if (beanFactory.containsBeanDefinition(ENGINE) && beanFactory.containsBeanDefinition(FLYWAY)) {
        var engine = beanFactory.getBeanDefinition(ENGINE);
        List<String> dependsOn = new ArrayList<>(engine.getDependsOn() == null ? List.of() : Arrays.asList(engine.getDependsOn()));
        dependsOn.add(FLYWAY);
        engine.setDependsOn(dependsOn.toArray(String[]::new));
      }
    };
  }
}
