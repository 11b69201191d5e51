package org.safeguardflow.audit;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit page is static ({@code static/audit/}) and holds no case data: it asks the API, with
 * the auditor's own credentials, for everything it shows. Spring serves a directory's index only
 * at the root, so {@code /audit/} is forwarded to it here.
 */
@Controller
class AuditPageController {

  @GetMapping({"/audit", "/audit/"})
  String page() {
    return "forward:/audit/index.html";
  }
}
