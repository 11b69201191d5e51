package org.safeguardflow.notify;

import org.safeguardflow.notify.Notifications.Notification;

/** A way of reaching a partner. Implementations never throw for a failed delivery: they say what happened. */
interface PartnerChannel {

  Agency.Channel channel();

  Delivery send(Notification notification, Route route);
}
