package org.safeguardflow.web;

import java.util.regex.Pattern;

/**
 * What the front door and the partner directory accept as an email address: the characters real
 * addresses use, and none that Markdown or HTML would read as markup, since an address is shown in
 * forms (where a notification could not be delivered) and sent to a mail server.
 */
public final class EmailAddress {

  public static final int MAX_LENGTH = 254;
  private static final Pattern ADDRESS =
      Pattern.compile("^[A-Za-z0-9.!#$%&'+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

  private EmailAddress() {}

  public static boolean isValid(String address) {
    return address != null && address.length() <= MAX_LENGTH && ADDRESS.matcher(address).matches();
  }
}
