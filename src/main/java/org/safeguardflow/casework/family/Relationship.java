package org.safeguardflow.casework.family;

/**
 * How a person in the family network is related to the child. Parental responsibility is recorded
 * apart from it (Children Act 1989 s2-s4A: a father need not hold it, a step-parent or carer may).
 */
public enum Relationship {
  MOTHER("Mother"),
  FATHER("Father"),
  STEP_PARENT("Step-parent"),
  PARENTS_PARTNER("Parent's partner"),
  KINSHIP_CARER("Kinship or special guardian carer"),
  FOSTER_CARER("Foster carer"),
  GRANDPARENT("Grandparent"),
  SIBLING("Brother or sister"),
  AUNT_OR_UNCLE("Aunt or uncle"),
  SIGNIFICANT_OTHER("Significant other (friend, neighbour, mentor)"),
  OTHER("Other (say who)");

  private final String label;

  Relationship(String label) {
    this.label = label;
  }

  /** Parents, step-parents, parents' partners and carers: whose own views the single assessment records. */
  public boolean parentOrCarer() {
    return switch (this) {
      case MOTHER, FATHER, STEP_PARENT, PARENTS_PARTNER, KINSHIP_CARER, FOSTER_CARER -> true;
      default -> false;
    };
  }

  /** The words a letter or a document uses, e.g. "Father". */
  public String label() {
    return label;
  }
}
