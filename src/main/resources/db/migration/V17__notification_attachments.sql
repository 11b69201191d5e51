-- A document sent with a notification (issue 18: the letter before proceedings goes to each parent with
-- its PDF). Kept as sent, beside the outbox row it belongs to, so that a resend carries the same letter
-- and the record shows what each parent was given. Portable SQL: bytea is PostgreSQL's and an H2 alias.
create table sf_notification_attachment (
  idempotency_key  varchar(200)  not null primary key references sf_notification (idempotency_key),
  file_name        varchar(200)  not null,
  content_type     varchar(100)  not null,
  content          bytea         not null
);
