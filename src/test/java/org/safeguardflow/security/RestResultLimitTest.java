package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** An auditor cannot pull an unbounded list of case records through the REST API (tests set the limit to 25). */
@SafeguardFlowTest
class RestResultLimitTest {

  @Autowired TestRestTemplate http;

  @Test
  void everyRestListStopsAtTheLimitWhateverIsAskedWhileCountsStayTrue() {
    FrontDoorClient frontDoor = new FrontDoorClient(http);
    for (int i = 0; i < 6; i++) {
      frontDoor.recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()));
    }
    var auditor = http.withBasicAuth("auditor", "auditor");
    String activities = "/engine-rest/history/activity-instance";
    Long count = ((Number) auditor.getForObject(activities + "/count", java.util.Map.class).get("count")).longValue();
    assertThat(count).as("six contacts leave more history than the limit").isGreaterThan(25);

    assertThat(auditor.getForObject(activities, List.class)).hasSize(25);
    assertThat(auditor.getForObject(activities + "?maxResults=100000", List.class)).hasSize(25);
    assertThat(auditor.getForObject(activities + "?maxResults=-1", List.class)).hasSize(25);
    assertThat(auditor.getForObject(activities + "?firstResult=0&maxResults=3", List.class)).hasSize(3);
  }

  @Test
  void theQueryStringKeepsEverythingElse() {
    assertThat(RestResultLimit.limitedQuery(null, 25)).isEqualTo("maxResults=25");
    assertThat(RestResultLimit.limitedQuery("sortBy=startTime&maxResults=900&sortOrder=asc", 25))
        .isEqualTo("sortBy=startTime&maxResults=25&sortOrder=asc");
    assertThat(RestResultLimit.limitedQuery("maxResults=abc", 25)).isEqualTo("maxResults=25");
    assertThat(RestResultLimit.limitedQuery("firstResult=50&maxResults=10", 25)).isEqualTo("firstResult=50&maxResults=10");
  }
}
