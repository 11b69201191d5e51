-- Machine credentials of partner agencies (security/PartnerCredentials): an API key per agency,
-- kept only as the SHA-256 of the key (the key itself is shown once, when it is made).
create table sf_partner_credential (
  id          varchar(36)  primary key,
  agency_user varchar(64)  not null,  -- the agency's Camunda user (a member of partner-agencies)
  key_prefix  varchar(12)  not null,  -- the key's first characters, to tell keys apart in lists
  key_hash    varchar(64)  not null,  -- hex SHA-256 of the whole key
  created_at  timestamp with time zone not null,
  created_by  varchar(64)  not null,
  expires_at  timestamp with time zone,  -- set when the key is rotated: it works until then
  replaced_by varchar(36),
  revoked_at  timestamp with time zone,
  revoked_by  varchar(64),
  constraint sf_partner_credential_key unique (key_hash)
);
create index sf_partner_credential_agency on sf_partner_credential (agency_user, created_at);
