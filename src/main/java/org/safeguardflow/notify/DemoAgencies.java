package org.safeguardflow.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A demo partner directory (default profile only): every agency by email, which the demo writes to the log. */
@Component
@ConditionalOnProperty(name = "safeguard.demo.enabled", havingValue = "true")
class DemoAgencies {

  private final Agencies agencies;

  DemoAgencies(Agencies agencies) {
    this.agencies = agencies;
  }

  @EventListener
  public void onReady(ApplicationReadyEvent ready) {
    seed("POLICE", "Police public protection unit", Agency.Kind.POLICE, "ppu@police.example");
    seed("HEALTH", "Safeguarding children health team", Agency.Kind.HEALTH, "safeguarding@nhs-trust.example");
    seed("EDUCATION", "Education safeguarding team", Agency.Kind.EDUCATION, "safeguarding@education.example");
    seed("GP", "GP practice", Agency.Kind.GP, "practice@gp.example");
    seed("HOUSING", "Housing options", Agency.Kind.HOUSING, "housing@council.example");
  }

  private void seed(String code, String name, Agency.Kind kind, String email) {
    if (agencies.find(code).isEmpty()) {
      agencies.save(new Agency(code, name, kind, Agency.Channel.EMAIL, email, null, null, true));
    }
  }
}
