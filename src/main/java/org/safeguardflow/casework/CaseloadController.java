package org.safeguardflow.casework;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.safeguardflow.timescales.EngineTime;
import org.safeguardflow.web.FieldError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/caseloads?group=social-workers}: each worker's open cases, open tasks and overdue tasks. */
@RestController
@RequestMapping("/api/caseloads")
class CaseloadController {

  private final Caseloads caseloads;
  private final Routing routing;

  CaseloadController(Caseloads caseloads, Routing routing) {
    this.caseloads = caseloads;
    this.routing = routing;
  }

  record CaseloadReport(String group, OffsetDateTime asAt, List<Caseloads.WorkerCaseload> workers) {}

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> caseloads(@RequestParam(required = false) String group) {
    String team = group == null ? routing.getSocialWorkers() : group.strip();
    if (!team.matches("[a-zA-Z0-9-]{1,64}") || !caseloads.groupExists(team)) {
      return ResponseEntity.badRequest().body(Map.of(
          "message", "No caseloads: group must name a team",
          "errors", List.of(new FieldError("group", "unknown-group",
              "group must be the id of a Camunda group, such as " + routing.getSocialWorkers()))));
    }
    return ResponseEntity.ok(new CaseloadReport(team,
        EngineTime.now(), caseloads.forGroup(team)));
  }
}
