package org.safeguardflow.notify;

import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP ({@code spring.mail.*}). Without an SMTP server configured (the embedded demo),
 * the message is written to the log instead, so a demo shows what would have been sent.
 */
@Component
class EmailChannel implements PartnerChannel {

  private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

  private final ObjectProvider<JavaMailSender> mail;
  private final String from;
  private final Notifications notifications;

  EmailChannel(ObjectProvider<JavaMailSender> mail, @Value("${safeguard.notify.mail-from}") String from,
      Notifications notifications) {
    this.mail = mail;
    this.from = from;
    this.notifications = notifications;
  }

  @Override
  public Agency.Channel channel() {
    return Agency.Channel.EMAIL;
  }

  @Override
  public Delivery send(Notification notification, Route route) {
    JavaMailSender sender = mail.getIfAvailable();
    Optional<Notifications.Attachment> attachment = notifications.attachmentOf(notification.idempotencyKey());
    if (sender == null) {
      log.info("MAIL (no SMTP server configured; written to the log)\nTo: {}\nSubject: {}\nX-Idempotency-Key: {}\n"
              + "Attachment: {}\n\n{}", route.address(), notification.subject(), notification.idempotencyKey(),
          attachment.map(Notifications.Attachment::fileName).orElse("none"), notification.body());
      return new Delivery.Delivered();
    }
    try {
      MimeMessage message = sender.createMimeMessage();
      // A letter sent with its document (the letter before proceedings) is a multipart message.
      MimeMessageHelper helper = new MimeMessageHelper(message, attachment.isPresent(), "UTF-8");
      helper.setFrom(from);
      helper.setTo(route.address());
      helper.setSubject(notification.subject());
      helper.setText(notification.body());
      if (attachment.isPresent()) {
        helper.addAttachment(attachment.get().fileName(), new ByteArrayResource(attachment.get().content()),
            attachment.get().contentType());
      }
      // Receivers (and our own support staff) can tell a resend from a new message.
      message.setHeader("X-Idempotency-Key", notification.idempotencyKey());
      sender.send(message);
      return new Delivery.Delivered();
    } catch (MailParseException | MailPreparationException e) {
      return new Delivery.Refused("not a deliverable email: " + e.getMessage());
    } catch (MailAuthenticationException e) {
      return new Delivery.TryAgain("SMTP authentication failed: " + e.getMessage());
    } catch (MailException | jakarta.mail.MessagingException e) {
      return new Delivery.TryAgain("SMTP server: " + e.getMessage());
    }
  }
}
