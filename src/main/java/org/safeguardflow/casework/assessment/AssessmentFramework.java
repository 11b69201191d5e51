package org.safeguardflow.casework.assessment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.FormValues;

/**
 * What a single assessment records, after the Framework for the Assessment of Children in Need and
 * their Families (Department of Health, 2000: "the assessment triangle"), which Working Together to
 * Safeguard Children 2023 (chapter 3) still names as the basis of every assessment: three domains,
 * each of dimensions recorded with strengths and concerns; an analysis; the child's views and how
 * they were gathered; each parent's and carer's views (fathers not living with the child included);
 * identity and diversity; the agencies consulted and what each said; and the recommendation (the
 * proposed outcome and its reasons). The variable names here are the fields of
 * {@code forms/record-assessment-work.form}, {@code forms/complete-single-assessment.form} and
 * {@code forms/authorise-assessment.form}.
 */
public final class AssessmentFramework {

  /** Longest free text of one answer, in characters as a person counts them ({@link FormValues#characters}). */
  public static final int MAX_TEXT = 4000;
  /** Longest short answer (a name, an agency, a language), in characters. */
  public static final int MAX_SHORT_TEXT = 200;
  /** Most people or agencies in one list of an assessment. */
  public static final int MAX_LIST_ENTRIES = 30;

  /** The three sides of the triangle. */
  public enum Domain {
    DEVELOPMENTAL_NEEDS("The child's developmental needs"),
    PARENTING_CAPACITY("Parenting capacity"),
    FAMILY_AND_ENVIRONMENT("Family and environmental factors");

    public final String label;

    Domain(String label) {
      this.label = label;
    }

    public List<Dimension> dimensions() {
      return Arrays.stream(Dimension.values()).filter(d -> d.domain == this).toList();
    }
  }

  /** A dimension of a domain; its strengths and concerns are two free-text fields. */
  public enum Dimension {
    HEALTH(Domain.DEVELOPMENTAL_NEEDS, "needsHealth", "Health"),
    EDUCATION(Domain.DEVELOPMENTAL_NEEDS, "needsEducation", "Education"),
    EMOTIONAL_BEHAVIOURAL(Domain.DEVELOPMENTAL_NEEDS, "needsEmotionalBehavioural", "Emotional and behavioural development"),
    IDENTITY(Domain.DEVELOPMENTAL_NEEDS, "needsIdentity", "Identity"),
    FAMILY_SOCIAL_RELATIONSHIPS(Domain.DEVELOPMENTAL_NEEDS, "needsRelationships", "Family and social relationships"),
    SOCIAL_PRESENTATION(Domain.DEVELOPMENTAL_NEEDS, "needsSocialPresentation", "Social presentation"),
    SELF_CARE(Domain.DEVELOPMENTAL_NEEDS, "needsSelfCare", "Self-care skills"),
    BASIC_CARE(Domain.PARENTING_CAPACITY, "parentingBasicCare", "Basic care"),
    ENSURING_SAFETY(Domain.PARENTING_CAPACITY, "parentingSafety", "Ensuring safety"),
    EMOTIONAL_WARMTH(Domain.PARENTING_CAPACITY, "parentingWarmth", "Emotional warmth"),
    STIMULATION(Domain.PARENTING_CAPACITY, "parentingStimulation", "Stimulation"),
    GUIDANCE_BOUNDARIES(Domain.PARENTING_CAPACITY, "parentingGuidance", "Guidance and boundaries"),
    STABILITY(Domain.PARENTING_CAPACITY, "parentingStability", "Stability"),
    FAMILY_HISTORY(Domain.FAMILY_AND_ENVIRONMENT, "familyHistory", "Family history and functioning"),
    WIDER_FAMILY(Domain.FAMILY_AND_ENVIRONMENT, "familyWiderFamily", "Wider family"),
    HOUSING(Domain.FAMILY_AND_ENVIRONMENT, "familyHousing", "Housing"),
    EMPLOYMENT(Domain.FAMILY_AND_ENVIRONMENT, "familyEmployment", "Employment"),
    INCOME(Domain.FAMILY_AND_ENVIRONMENT, "familyIncome", "Income"),
    SOCIAL_INTEGRATION(Domain.FAMILY_AND_ENVIRONMENT, "familyIntegration", "Family's social integration"),
    COMMUNITY_RESOURCES(Domain.FAMILY_AND_ENVIRONMENT, "familyCommunity", "Community resources");

    public final Domain domain;
    public final String stem;
    public final String label;

    Dimension(Domain domain, String stem, String label) {
      this.domain = domain;
      this.stem = stem;
      this.label = label;
    }

    public String strengths() {
      return stem + "Strengths";
    }

    public String concerns() {
      return stem + "Concerns";
    }
  }

  /** The other fields of the assessment, besides the census ones in {@link Pathway.Var}. */
  public static final class Var {
    public static final String CHILD_VIEWS_HOW_GATHERED = "childViewsHowGathered";
    public static final String ANALYSIS_RISKS = "analysisRisks";
    public static final String ANALYSIS_PROTECTIVE_FACTORS = "analysisProtectiveFactors";
    public static final String ANALYSIS_IF_NOTHING_CHANGES = "analysisIfNothingChanges";
    /** A list (Camunda Forms dynamic list, kept as JSON): one entry per parent or carer. */
    public static final String PARENTS_VIEWS = "parentsViews";
    /** Why no father's views are recorded, when the list holds none. */
    public static final String FATHER_NOT_INCLUDED_REASON = "fatherNotIncludedReason";
    public static final String IDENTITY_ETHNICITY = "identityEthnicity";
    public static final String IDENTITY_RELIGION = "identityReligion";
    public static final String IDENTITY_LANGUAGE = "identityLanguage";
    /** Yes/no: an interpreter is needed to work with the child or family. */
    public static final String IDENTITY_INTERPRETER_NEEDED = "identityInterpreterNeeded";
    /** NONE, YES or NOT_KNOWN: whether the child has a disability. */
    public static final String IDENTITY_DISABILITY = "identityDisability";
    public static final String IDENTITY_DISABILITY_DETAILS = "identityDisabilityDetails";
    /** A list (kept as JSON): one entry per agency consulted. */
    public static final String AGENCIES_CONSULTED = "agenciesConsulted";
    /** Why no agency was consulted, when the list holds none. */
    public static final String AGENCIES_NOT_CONSULTED_REASON = "agenciesNotConsultedReason";
    /**
     * Which parts of the assessment a save worked on: a checklist of {@link Part}s, so choosing one
     * part never hides another the worker has written in (form-js does not submit hidden fields).
     */
    public static final String WORK_PARTS = "assessmentWorkParts";
    /** What the worker did for this save, e.g. "Home visit; saw Ella alone". */
    public static final String WORK_NOTE = "assessmentWorkNote";
    /** Every saved version of the assessment: a JSON snapshot, one history entry per save. */
    public static final String SAVED_VERSION = "assessmentSavedVersion";

    private Var() {}
  }

  /** Fields of one entry of {@link Var#PARENTS_VIEWS}. */
  public static final class ParentField {
    public static final String NAME = "name";
    public static final String RELATIONSHIP = "relationship";
    public static final String LIVES_WITH_CHILD = "livesWithChild";
    public static final String VIEWS = "views";
    public static final String HOW_GATHERED = "howGathered";
    /**
     * Yes when the worker marks these views as given in confidence (e.g. a mother speaking of the
     * father's violence): left out of the family's copy of the assessment, kept in the partners'.
     */
    public static final String NOT_FOR_FAMILY = "notForFamily";

    private ParentField() {}
  }

  /** A parent's or carer's relationship to the child. */
  public enum Relationship { MOTHER, FATHER, STEP_PARENT, CARER, OTHER }

  /** Fields of one entry of {@link Var#AGENCIES_CONSULTED}. */
  public static final class AgencyField {
    public static final String AGENCY = "agency";
    public static final String CONTACT = "contact";
    public static final String SAID = "said";
    /** Yes when what the agency said holds another person's private details (a third party). */
    public static final String THIRD_PARTY = "thirdParty";

    private AgencyField() {}
  }

  /** Whether the child has a disability (the Annex A and census meaning: Equality Act 2010 s6). */
  public enum Disability { NONE, YES, NOT_KNOWN }

  /** The parts a worker ticks in "Record assessment work", one or several in a save. */
  public enum Part { SEEING_THE_CHILD, DEVELOPMENTAL_NEEDS, PARENTING_CAPACITY, FAMILY_AND_ENVIRONMENT,
    PARENTS_AND_CARERS, IDENTITY, AGENCIES, ANALYSIS }

  /** Every free-text field of the assessment's content outside the lists, with its limit. */
  public static List<String> longTexts() {
    List<String> fields = new ArrayList<>();
    for (Dimension dimension : Dimension.values()) {
      fields.add(dimension.strengths());
      fields.add(dimension.concerns());
    }
    fields.addAll(List.of(Pathway.Var.ASSESSMENT_CHILD_VIEWS.name(), Var.CHILD_VIEWS_HOW_GATHERED, Var.ANALYSIS_RISKS,
        Var.ANALYSIS_PROTECTIVE_FACTORS, Var.ANALYSIS_IF_NOTHING_CHANGES, Var.FATHER_NOT_INCLUDED_REASON,
        Var.IDENTITY_DISABILITY_DETAILS, Var.AGENCIES_NOT_CONSULTED_REASON, Var.WORK_NOTE,
        AssessmentProcess.Var.ASSESSMENT_OUTCOME_REASON.name()));
    return fields;
  }

  /** The short text fields (at most {@link #MAX_SHORT_TEXT} characters). */
  public static final List<String> SHORT_TEXTS = List.of(Var.IDENTITY_ETHNICITY, Var.IDENTITY_RELIGION, Var.IDENTITY_LANGUAGE);

  private AssessmentFramework() {}
}
