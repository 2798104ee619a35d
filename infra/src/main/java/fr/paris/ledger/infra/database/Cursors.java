package fr.paris.ledger.infra.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reading a long result by cursor: PostgreSQL's driver fetches {@code fetchSize} rows at a time,
 * instead of the whole result, only inside a transaction, so the caller runs it in one.
 */
public final class Cursors {
    private Cursors() {
    }

    /** Streams a query's rows to {@code rows}, {@code fetchSize} at a time, never holding the result in memory. */
    public static void stream(JdbcTemplate jdbc, String sql, int fetchSize, RowCallbackHandler rows, Object... args) {
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(fetchSize);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        }, rows);
    }
}
