package org.safeguardflow.notify;

/** Where one notification goes: a channel and its address (and the webhook's signing secret). */
record Route(Agency.Channel channel, String address, String secret, String agencyCode) {

  @Override
  public String toString() {
    return channel + " " + address;
  }
}
