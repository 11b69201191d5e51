package org.safeguardflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, on H2 or (in the {@code postgres} surefire run) a real
 * PostgreSQL. Tagged {@code database} so that the second run picks it up; the engine clock is put
 * back after each test, and the web apps' runtime before each class ({@link WebAppsRuntime}). Metrics
 * are exported as in production (Spring Boot's tests switch that off otherwise), so that tests read
 * {@code /actuator/prometheus} as an operator's Prometheus does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@AutoConfigureObservability(tracing = false)
@Tag("database")
@ExtendWith({EngineClock.class, WebAppsRuntime.class})
public @interface SafeguardFlowTest {}
