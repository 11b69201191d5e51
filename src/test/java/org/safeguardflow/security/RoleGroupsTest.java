package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.safeguardflow.support.SafeguardFlowTest;

/**
 * A council names its inspectors', partners' and on-call operators' groups its own way (names the demo
 * data knows nothing of, so only the product itself can have made them; the {@code postgres} profile
 * has no demo data at all): every role group is there after start, with its rights, ready for the
 * administrator to put the first people and partner agencies in; and
 * two nodes starting at once on a fresh database create each group once and both start.
 */
// In the suite's one context: a second Spring context (even on its own database and engine name) left
// the engine REST API of the shared one answering "No process engine available" once it closed.
@SafeguardFlowTest
class RoleGroupsTest {

  @Autowired RoleGroups roleGroups;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;

  @Test
  void everyRoleGroupIsThereWithItsRightsWhateverTheCouncilCallsIt() {
    // This start's own groups: all there, each with its rights.
    for (String group : roleGroups.groups().keySet()) {
      var found = identity.createGroupQuery().groupId(group).singleResult();
      assertThat(found).as(group).isNotNull();
      assertThat(found.getType()).isEqualTo(Groups.CAMUNDA_ADMIN.equals(group) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
      assertThat(authorizations.createAuthorizationQuery().groupIdIn(group).count()).as("grants of " + group).isPositive();
    }
    // A council that names its inspectors', partners' and on-call groups its own way (names no demo data
    // knows, so only RoleGroups can make them) finds them made at start.
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Roles council = new Roles();
    council.setAuditors("council-inspectors-" + suffix);
    council.setPartnerAgencies("council-partner-systems-" + suffix);
    council.setOperators("council-on-call-" + suffix);
    RoleGroups councils = new RoleGroups(council, identity);
    councils.onReady(null);
    assertThat(councils.groups().keySet()).contains("council-inspectors-" + suffix, "council-partner-systems-" + suffix,
        "council-on-call-" + suffix, "social-workers", "team-managers", "service-managers", "process-owners",
        Groups.CAMUNDA_ADMIN);
    for (String group : councils.groups().keySet()) {
      var found = identity.createGroupQuery().groupId(group).singleResult();
      assertThat(found).as(group).isNotNull();
      assertThat(found.getType()).isEqualTo(Groups.CAMUNDA_ADMIN.equals(group) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
    }
    // Nobody is put in a role group but by an administrator.
    assertThat(identity.createUserQuery().memberOfGroup("council-on-call-" + suffix).count()).isZero();
  }

  @Test
  void twoNodesStartingAtOnceCreateEachGroupOnceAndBothStart() throws Exception {
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      fresh.add("role-" + UUID.randomUUID().toString().substring(0, 8));
    }
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> created = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        created.add(nodes.submit(() -> {
          go.await();
          int made = 0;
          for (String group : fresh) {
            made += RoleGroups.ensure(identity, group, "A role", Groups.GROUP_TYPE_WORKFLOW) ? 1 : 0;
          }
          return made;
        }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> node : created) {
        total += node.get();
      }
      assertThat(total).isEqualTo(fresh.size());
    } finally {
      nodes.shutdownNow();
    }
    for (String group : fresh) {
      assertThat(identity.createGroupQuery().groupId(group).count()).as(group).isEqualTo(1);
    }
  }
}
