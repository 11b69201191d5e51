package db.migration;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.safeguardflow.children.ChildRegister;

/**
 * Fills the normalised names (identity key, search words) and identity claims of children recorded
 * before version 9, in Java because the normalisation (accents, apostrophes) is Java's. Where two
 * records already share an identity, the older keeps the claim; a manager merges them later.
 */
public class V9_1__NormaliseChildNames extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    record Row(long id, String first, String last, java.time.LocalDate dob, java.time.LocalDate edd, String sex, String nhs) {}
    List<Row> rows = new ArrayList<>();
    try (var select = context.getConnection().createStatement();
        ResultSet rs = select.executeQuery("select id, first_name, last_name, date_of_birth, expected_date_of_birth,"
            + " sex, nhs_number from sf_child order by id")) {
      while (rs.next()) {
        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, java.time.LocalDate.class),
            rs.getObject(5, java.time.LocalDate.class), rs.getString(6), rs.getString(7)));
      }
    }
    var claimed = new java.util.HashSet<String>();
    try (var update = context.getConnection().prepareStatement(
            "update sf_child set name_key = ?, search_terms = ? where id = ?");
        var claim = context.getConnection().prepareStatement(
            "insert into sf_child_identity (identity_key, child_id, claimed_at) values (?, ?, ?)")) {
      Timestamp now = Timestamp.from(Instant.now());
      for (Row row : rows) {
        update.setString(1, org.safeguardflow.children.ChildNames.nameKey(row.first(), row.last()));
        update.setString(2, org.safeguardflow.children.ChildNames.searchTerms(row.first(), row.last()));
        update.setLong(3, row.id());
        update.executeUpdate();
        for (String key : ChildRegister.identityKeys(row.first(), row.last(), row.dob(), row.edd(), row.sex(), row.nhs())) {
          if (claimed.add(key)) {
            claim.setString(1, key);
            claim.setLong(2, row.id());
            claim.setTimestamp(3, now);
            claim.executeUpdate();
          }
        }
      }
    }
  }
}
