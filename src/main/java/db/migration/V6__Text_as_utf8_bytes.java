package db.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * User text (corpora, their vocabularies, the samples models draw from them) moves from text columns to its UTF-8
 * bytes: PostgreSQL's text refuses U+0000, which a corpus may hold. In Java because the two databases spell the
 * text-to-UTF-8 conversion differently (convert_to, STRINGTOUTF8); the rest is SQL both accept.
 */
public class V6__Text_as_utf8_bytes extends BaseJavaMigration {

    private record TextColumn(String table, List<String> key, String column, boolean notNull) {}

    private static final List<TextColumn> COLUMNS = List.of(
            new TextColumn("corpus", List.of("id"), "content", true),
            new TextColumn("corpus", List.of("id"), "vocabulary", false),
            new TextColumn("training_sample", List.of("id"), "text", true),
            new TextColumn("generated_sample", List.of("run_id", "sample_id"), "seed_char", true),
            new TextColumn("generated_sample", List.of("run_id", "sample_id"), "text", true));

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (TextColumn c : COLUMNS) {
            convert(connection, c);
        }
    }

    private static void convert(Connection connection, TextColumn c) throws SQLException {
        String bytes = c.column() + "_utf8";
        try (Statement s = connection.createStatement()) {
            s.execute("alter table " + c.table() + " add column " + bytes + " bytea");
        }
        String keys = String.join(", ", c.key());
        String where =
                String.join(" and ", c.key().stream().map(k -> k + " = ?").toList());
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select " + keys + ", " + c.column() + " from " + c.table()
                        + " where " + c.column() + " is not null");
                PreparedStatement update =
                        connection.prepareStatement("update " + c.table() + " set " + bytes + " = ? where " + where)) {
            int pending = 0;
            while (rows.next()) {
                update.setBytes(1, rows.getString(c.key().size() + 1).getBytes(StandardCharsets.UTF_8));
                for (int k = 0; k < c.key().size(); k++) {
                    update.setObject(k + 2, rows.getObject(k + 1));
                }
                update.addBatch();
                if (++pending == 500) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("alter table " + c.table() + " drop column " + c.column());
            s.execute("alter table " + c.table() + " rename column " + bytes + " to " + c.column());
            if (c.notNull()) {
                s.execute("alter table " + c.table() + " alter column " + c.column() + " set not null");
            }
        }
    }
}
