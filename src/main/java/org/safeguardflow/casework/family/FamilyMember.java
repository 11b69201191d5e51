package org.safeguardflow.casework.family;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.safeguardflow.web.EmailAddress;
import org.safeguardflow.web.FieldError;

/**
 * One person in the people around a child: a parent, carer, sibling or significant other, as the
 * worker recorded them (Working Together 2023, chapter 2: fathers and the wider family, including a
 * parent not living with the child, are part of assessment and planning).
 *
 * @param name                    as typed (any script); shown as text, never as markup; at most 200 characters
 * @param relationship            to the child
 * @param relationshipDetail      who they are when {@link Relationship#OTHER}, or more detail; at most 200 characters
 * @param parentalResponsibility  holds parental responsibility for the child (Children Act 1989 s3): invited
 *                                to conferences and sent letters before proceedings
 * @param livesWithChild          lives in the child's household
 * @param email                   an email address, or null
 * @param phone                   a telephone number (digits, spaces, + ( ) -), or null
 * @param address                 a postal address, or null; at most 500 characters
 * @param tookPartInAssessment    took part in the child's assessment
 * @param tookPartInPlan          took part in the child's plan (core group, review)
 */
public record FamilyMember(String name, Relationship relationship, String relationshipDetail,
    boolean parentalResponsibility, boolean livesWithChild, String email, String phone, String address,
    boolean tookPartInAssessment, boolean tookPartInPlan) {

  public static final int MAX_MEMBERS = 40;
  public static final int MAX_NAME = 200;
  public static final int MAX_DETAIL = 200;
  public static final int MAX_ADDRESS = 500;
  public static final int MAX_PHONE = 40;

  /** The fields of one member, as the form's list and the API spell them. */
  public static final Set<String> FIELDS = Set.of("name", "relationship", "relationshipDetail", "parentalResponsibility",
      "livesWithChild", "email", "phone", "address", "tookPartInAssessment", "tookPartInPlan");

  private static final Pattern PHONE = Pattern.compile("[0-9+() -]{6,40}");

  /**
   * Whether two names are the same person's as a worker would read them: the same letters whatever the
   * case, spacing or Unicode form ("sarah  SMITH" is "Sarah Smith"; "Zoë" typed with a combining accent is
   * "Zoë"). Only for matching names within one case's records, never for finding a child.
   */
  public static boolean sameName(String a, String b) {
    return a != null && b != null && nameKey(a).equals(nameKey(b));
  }

  private static String nameKey(String name) {
    return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC).strip().replaceAll("\\s+", " ")
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** A parent or carer (not the wider family): the people whose own views the single assessment records. */
  public boolean parentOrCarer() {
    return relationship.parentOrCarer();
  }

  /** "Father, Sam Smith" style words for a letter or document: relationship then name. */
  public String describe() {
    String who = relationship == Relationship.OTHER && relationshipDetail != null ? relationshipDetail : relationship.label();
    return who + ": " + name;
  }

  /**
   * A member from its fields as submitted (the form's list item or the API's JSON object), or the
   * broken rules named by {@code path} (e.g. {@code familyMembers[2].email}, rows counted from 1). Unknown fields, text for
   * yes/no answers and blank names are refused rather than guessed.
   */
  public static FamilyMember from(String path, Map<?, ?> fields, List<FieldError> errors) {
    int before = errors.size();
    for (Object field : fields.keySet()) {
      if (!FIELDS.contains(String.valueOf(field))) {
        errors.add(new FieldError(path + "." + field, "unknown-field",
            path + "." + field + " is not a field of a family member: " + String.join(", ", FIELDS.stream().sorted().toList())));
      }
    }
    String name = text(path, "name", fields.get("name"), MAX_NAME, true, errors);
    Relationship relationship = null;
    Object rel = fields.get("relationship");
    if (rel == null || (rel instanceof String s && s.isBlank())) {
      errors.add(new FieldError(path + ".relationship", "required", path + ".relationship is required"));
    } else {
      relationship = Arrays.stream(Relationship.values()).filter(r -> r.name().equals(rel)).findFirst().orElse(null);
      if (relationship == null) {
        errors.add(new FieldError(path + ".relationship", "code-list", path + ".relationship must be one of "
            + String.join(", ", Arrays.stream(Relationship.values()).map(Enum::name).toList())));
      }
    }
    String detail = text(path, "relationshipDetail", fields.get("relationshipDetail"), MAX_DETAIL, false, errors);
    if (relationship == Relationship.OTHER && detail == null) {
      errors.add(new FieldError(path + ".relationshipDetail", "required-for-other",
          path + ".relationshipDetail must say who they are to the child when the relationship is OTHER"));
    }
    Boolean pr = yesNo(path, "parentalResponsibility", fields.get("parentalResponsibility"), true, errors);
    Boolean lives = yesNo(path, "livesWithChild", fields.get("livesWithChild"), true, errors);
    String email = text(path, "email", fields.get("email"), EmailAddress.MAX_LENGTH, false, errors);
    if (email != null && !EmailAddress.isValid(email.strip())) {
      errors.add(new FieldError(path + ".email", "email", path + ".email must be an email address"));
    }
    String phone = text(path, "phone", fields.get("phone"), MAX_PHONE, false, errors);
    if (phone != null && !PHONE.matcher(phone.strip()).matches()) {
      errors.add(new FieldError(path + ".phone", "phone",
          path + ".phone must be a telephone number: 6 to 40 digits, spaces and + ( ) -"));
    }
    String address = text(path, "address", fields.get("address"), MAX_ADDRESS, false, errors);
    Boolean assessment = yesNo(path, "tookPartInAssessment", fields.get("tookPartInAssessment"), false, errors);
    Boolean plan = yesNo(path, "tookPartInPlan", fields.get("tookPartInPlan"), false, errors);
    if (errors.size() > before) {
      return null;
    }
    return new FamilyMember(name, relationship, detail, pr, lives, email == null ? null : email.strip(),
        phone == null ? null : phone.strip(), address, Boolean.TRUE.equals(assessment), Boolean.TRUE.equals(plan));
  }

  /** Every member of a submitted list, or the broken rules of all of them at once. */
  public static List<FamilyMember> listFrom(String path, Object value, List<FieldError> errors) {
    List<FamilyMember> members = new ArrayList<>();
    if (value == null) {
      return members;
    }
    if (!(value instanceof List<?> items)) {
      errors.add(new FieldError(path, "list", path + " must be a list of family members"));
      return members;
    }
    if (items.size() > MAX_MEMBERS) {
      errors.add(new FieldError(path, "max-items", path + " may list at most " + MAX_MEMBERS + " people"));
      return members;
    }
    for (int i = 0; i < items.size(); i++) {
      String at = path + "[" + (i + 1) + "]"; // rows counted from 1, as a person counts them
      if (!(items.get(i) instanceof Map<?, ?> fields)) {
        errors.add(new FieldError(at, "object", at + " must be a family member (name, relationship, ...)"));
        continue;
      }
      FamilyMember member = from(at, fields, errors);
      if (member != null) {
        members.add(member);
      }
    }
    return members;
  }

  /** Text as typed, or null when blank and not required; control characters other than line breaks are refused. */
  private static String text(String path, String field, Object value, int max, boolean required, List<FieldError> errors) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        errors.add(new FieldError(path + "." + field, "required", path + "." + field + " is required"));
      }
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(new FieldError(path + "." + field, "text", path + "." + field + " must be text"));
      return null;
    }
    // Counted as a person counts characters: one for é or 😀, whatever Java's encoding needs.
    if (text.codePointCount(0, text.length()) > max) {
      errors.add(new FieldError(path + "." + field, "max-length", path + "." + field + " must be at most " + max + " characters"));
      return null;
    }
    if (text.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t')) {
      errors.add(new FieldError(path + "." + field, "control-characters",
          path + "." + field + " must not hold control characters"));
      return null;
    }
    return text;
  }

  private static Boolean yesNo(String path, String field, Object value, boolean required, List<FieldError> errors) {
    if (value == null) {
      if (required) {
        errors.add(new FieldError(path + "." + field, "required", path + "." + field + " is required (true or false)"));
      }
      return null;
    }
    if (!(value instanceof Boolean answer)) {
      errors.add(new FieldError(path + "." + field, "yes-no", path + "." + field + " must be true or false"));
      return null;
    }
    return answer;
  }
}
