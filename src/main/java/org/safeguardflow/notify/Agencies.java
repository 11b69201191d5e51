package org.safeguardflow.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The partner directory in our own table {@code sf_agency}. */
@Repository
public class Agencies {

  private static final RowMapper<Agency> AGENCY = (rs, i) -> new Agency(rs.getString("code"), rs.getString("name"),
      Agency.Kind.valueOf(rs.getString("kind")), Agency.Channel.valueOf(rs.getString("channel")),
      rs.getString("email"), rs.getString("webhook_url"), rs.getString("webhook_secret"), rs.getBoolean("active"));

  private final JdbcTemplate jdbc;

  public Agencies(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Agency codes are written in capitals; "police" finds POLICE. */
  public Optional<Agency> find(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return jdbc.query("select * from sf_agency where code = ?", AGENCY, code.strip().toUpperCase(Locale.ROOT))
        .stream().findFirst();
  }

  public List<Agency> all() {
    return jdbc.query("select * from sf_agency order by code", AGENCY);
  }

  public void save(Agency agency) {
    OffsetDateTime now = EngineTime.now();
    int updated = jdbc.update("update sf_agency set name = ?, kind = ?, channel = ?, email = ?, webhook_url = ?,"
            + " webhook_secret = coalesce(?, webhook_secret), active = ?, updated_at = ? where code = ?",
        agency.name(), agency.kind().name(), agency.channel().name(), agency.email(), agency.webhookUrl(),
        agency.webhookSecret(), agency.active(), now, agency.code());
    if (updated == 0) {
      jdbc.update("insert into sf_agency (code, name, kind, channel, email, webhook_url, webhook_secret, active,"
              + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          agency.code(), agency.name(), agency.kind().name(), agency.channel().name(), agency.email(),
          agency.webhookUrl(), agency.webhookSecret(), agency.active(), now);
    }
  }
}
