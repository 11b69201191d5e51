package org.safeguardflow.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes to everyone the case's family network says holds parental responsibility, whether or not they
 * live with the child (Working Together 2023, 2.2 and 4.1: parents, fathers included, are invited to
 * conferences; the Public Law Outline's letter before proceedings goes to each parent). The one place
 * that decides how a parent is reached, for conference and review invitations and for letters:
 * <ul>
 *   <li>by email when the network has one (status {@code RECORDED}: the sender delivers it);</li>
 *   <li>with only a postal address, a letter for the worker to post: recipient {@code post:} the name and
 *   address, status {@code NO_ROUTE};</li>
 *   <li>with neither, the gap itself: recipient {@code none:} the name, status {@code NO_ROUTE}, so that it
 *   shows on the case's notifications.</li>
 * </ul>
 * Each parent's message is keyed {@code case:scope:n}, n their place among those with parental
 * responsibility, so that a retried job records nothing twice.
 */
@Component
class LettersToParents {

  /** The family's channel in the outbox: what the sender routes by the recipient's email. */
  static final String CHANNEL = "FAMILY";
  private static final Logger log = LoggerFactory.getLogger(LettersToParents.class);

  private final Notifications notifications;
  private final FamilyNetwork family;

  LettersToParents(Notifications notifications, FamilyNetwork family) {
    this.notifications = notifications;
    this.family = family;
  }

  /** One parent's letter as recorded: who, how it goes, and whether this call recorded it (false on a retry). */
  record Sent(FamilyMember parent, Notification notification, boolean recordedNow) {

    /** "Father: Zoë O'Brien-Nguyễn, by email to dad@family.example" style words for the worker. */
    String describe() {
      String recipient = notification.recipient();
      String how;
      if (recipient.startsWith("post:")) {
        how = "to post to " + recipient.substring(recipient.indexOf(", ") + 2);
      } else if (recipient.startsWith("none:")) {
        how = "NOT SENT: no email or postal address in the family network; tell them another way";
      } else {
        how = "by email to " + recipient;
      }
      return parent.describe() + ", " + how;
    }
  }

  /**
   * Records one message to each person with parental responsibility, in the network's order.
   *
   * @param type       the notification type (e.g. {@code ICPC_FAMILY_INVITE})
   * @param scope      what keys the messages within the case: the type, or the type and which review
   * @param subject    the subject line (no child's name: data minimisation)
   * @param body       the message to one parent, addressed to them
   * @param attachment a document sent with each email (or printed with each posted letter), or null
   * @return each parent's message, recorded now or before
   */
  List<Sent> write(String caseRef, String type, String scope, String subject, Function<FamilyMember, String> body,
      Notifications.Attachment attachment) {
    List<FamilyMember> parents = family.withParentalResponsibility(caseRef);
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < parents.size(); i++) {
      FamilyMember parent = parents.get(i);
      String recipient;
      Notifications.Status status;
      if (parent.email() != null) {
        recipient = parent.email();
        status = Notifications.Status.RECORDED;
      } else if (parent.address() != null) {
        recipient = "post:" + parent.name() + ", " + parent.address().replaceAll("\\R+", ", ");
        status = Notifications.Status.NO_ROUTE;
      } else {
        recipient = "none:" + parent.name() + " (no email or postal address in the family network)";
        status = Notifications.Status.NO_ROUTE;
      }
      // The outbox keeps at most 254 characters of a recipient; the worker reads the full address in the network.
      if (recipient.length() > 254) {
        recipient = recipient.substring(0, Character.isHighSurrogate(recipient.charAt(250)) ? 250 : 251) + "...";
      }
      Notification letter = new Notification(Notification.key(caseRef, scope, i + 1), caseRef, type, recipient,
          CHANNEL, subject, body.apply(parent), status);
      boolean recorded = notifications.record(letter);
      if (recorded) {
        if (attachment != null) {
          notifications.attach(letter.idempotencyKey(), attachment);
        }
        log.info("Wrote to a parent ({}, {}) on case {}", type, status, caseRef);
      }
      sent.add(new Sent(parent, recorded ? letter : notifications.byKey(letter.idempotencyKey()), recorded));
    }
    return sent;
  }
}
