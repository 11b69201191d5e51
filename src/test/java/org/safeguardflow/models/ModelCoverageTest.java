package org.safeguardflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.ModelCoverage;

/**
 * Runs after every other test class (see junit-platform.properties) and checks that the scenario
 * tests together passed every flow node and took every sequence flow of every model in bpmn/.
 */
@Order(Integer.MAX_VALUE)
class ModelCoverageTest {

  @Test
  void theScenarioTestsPassEveryStepAndEveryFlowOfEveryModel() throws IOException {
    String filter = System.getProperty("safeguard.test.filter", "");
    Assumptions.assumeTrue(filter.isBlank() || filter.startsWith("${"),
        "coverage is judged on the whole suite only, not on -Dtest=" + filter);
    assertThat(ModelCoverage.PASSED).as("the scenario tests ran first").isNotEmpty();

    List<String> missed = new ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path file : models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        String key = model.getModelElementsByType(Process.class).iterator().next().getId();
        model.getModelElementsByType(FlowNode.class).stream()
            .map(node -> key + "#" + node.getId())
            .filter(id -> !ModelCoverage.PASSED.contains(id))
            .forEach(missed::add);
        model.getModelElementsByType(SequenceFlow.class).stream()
            .map(flow -> key + "#" + flow.getId())
            .filter(id -> !ModelCoverage.PASSED.contains(id))
            .forEach(missed::add);
      }
    }
    assertThat(missed).as("steps and flows no test passed").isEmpty();
  }
}
