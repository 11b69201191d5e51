package org.safeguardflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SafeguardFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(SafeguardFlowApplication.class, args);
  }
}
