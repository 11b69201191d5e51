package org.safeguardflow.security;

import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Which Camunda group holds each role ({@code safeguard.security.groups.*}). A council that names its
 * groups differently changes them here; the same names drive the engine grants ({@link RoleGrants})
 * and the HTTP rules ({@link ApiSecurity}). Administrators are always Camunda's {@code camunda-admin}.
 */
@Component
@ConfigurationProperties("safeguard.security.groups")
public class Roles {

  public static final String ADMIN = Groups.CAMUNDA_ADMIN;

  private String socialWorkers = "social-workers";
  private String teamManagers = "team-managers";
  private String serviceManagers = "service-managers";
  private String auditors = "auditors";
  private String processOwners = "process-owners";
  private String partnerAgencies = "partner-agencies";
  private String operators = "operators";

  /** Everyone who works cases in Tasklist. */
  List<String> caseworkers() {
    return List.of(socialWorkers, teamManagers, serviceManagers);
  }

  /** Every role except partners: the people of the council. */
  List<String> staff() {
    return List.of(socialWorkers, teamManagers, serviceManagers, auditors, processOwners, ADMIN);
  }

  /** Who may read health details and metrics (Actuator): operators, service managers, administrators. */
  List<String> operations() {
    return List.of(operators, serviceManagers, ADMIN);
  }

  /** The group of the people who run the service: health details and metrics, no case data. */
  public String getOperators() {
    return operators;
  }

  public void setOperators(String operators) {
    this.operators = operators;
  }

  public String getSocialWorkers() {
    return socialWorkers;
  }

  public void setSocialWorkers(String socialWorkers) {
    this.socialWorkers = socialWorkers;
  }

  public String getTeamManagers() {
    return teamManagers;
  }

  public void setTeamManagers(String teamManagers) {
    this.teamManagers = teamManagers;
  }

  public String getServiceManagers() {
    return serviceManagers;
  }

  public void setServiceManagers(String serviceManagers) {
    this.serviceManagers = serviceManagers;
  }

  public String getAuditors() {
    return auditors;
  }

  public void setAuditors(String auditors) {
    this.auditors = auditors;
  }

  public String getProcessOwners() {
    return processOwners;
  }

  public void setProcessOwners(String processOwners) {
    this.processOwners = processOwners;
  }

  public String getPartnerAgencies() {
    return partnerAgencies;
  }

  public void setPartnerAgencies(String partnerAgencies) {
    this.partnerAgencies = partnerAgencies;
  }
}
