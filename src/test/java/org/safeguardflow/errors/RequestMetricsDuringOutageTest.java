package org.safeguardflow.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.web.DatabaseAway;
import org.springframework.core.Ordered;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A partner's contact arrives while the database is away and its API key cannot be checked: the
 * partner is answered 503, and the request metrics operators chart say 503 too, not a 500 nobody
 * received. The filters stand in the order the running app gives them: Spring Boot registers the
 * observation filter at {@code HIGHEST_PRECEDENCE + 1}; ours comes from its own registration.
 */
class RequestMetricsDuringOutageTest {

  /** Spring Boot's order for {@code ServerHttpObservationFilter} (WebMvcObservationAutoConfiguration). */
  static final int OBSERVATION_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

  @AfterEach
  void theDatabaseIsBack() {
    DatabaseAway.reached();
  }

  @Test
  void aContactRefusedWhileSigningInIsCountedAs503() throws Exception {
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

    record Ordered(int order, Filter filter) {}
    List<Ordered> filters = new ArrayList<>();
    // Ours first: on an equal order the running app put it outside (the newcomer's trial), as this stable sort does.
    var ours = new DatabaseAwayAnswers.Registration().databaseAwayAnswers();
    filters.add(new Ordered(ours.getOrder(), ours.getFilter()));
    filters.add(new Ordered(OBSERVATION_FILTER_ORDER, new ServerHttpObservationFilter(observations)));
    filters.sort(Comparator.comparingInt(Ordered::order));

    // The security chain checks the key against the database, which is away.
    HttpServlet signIn = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) {
        throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 2000ms"));
      }
    };
    var request = new MockHttpServletRequest("POST", "/api/contacts");
    request.addHeader("Authorization", "Bearer sfk_AbCdEfGh12345678901234567890");
    var response = new MockHttpServletResponse();
    new MockFilterChain(signIn, filters.stream().map(Ordered::filter).toArray(Filter[]::new)).doFilter(request, response);

    assertThat(response.getStatus()).isEqualTo(503);
    var timers = meters.find("http.server.requests").timers();
    assertThat(timers).singleElement().satisfies(timer -> {
      assertThat(timer.getId().getTag("status")).isEqualTo("503");
      assertThat(timer.getId().getTag("exception")).isEqualTo("none");
    });
  }
}
