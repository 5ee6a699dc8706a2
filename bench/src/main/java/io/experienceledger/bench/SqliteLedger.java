package io.experienceledger.bench;

import io.experienceledger.model.ExperienceEvent;
import io.experienceledger.model.ExperienceEventEnvelope;
import io.experienceledger.store.internal.QueryMatcher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite baseline: the ledger as a user would build it on xerial sqlite-jdbc. WAL journal,
 * {@code synchronous=NORMAL} (durable across a process crash, like the engine's default, not across a power
 * failure), one table with the header columns, indexed on (tenant, kind) and on correlation, and the event itself as
 * canonical converge JSON.
 */
final class SqliteLedger implements AutoCloseable {
    static final String INSERT = "INSERT INTO events (event_id, occurred_at, tenant, correlation, kind, chain, body)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Connection connection;
    private final PreparedStatement insert;

    private SqliteLedger(Connection connection) throws SQLException {
        this.connection = connection;
        this.insert = connection.prepareStatement(INSERT);
    }

    /** Creates the database file {@code file} with the schema. */
    static SqliteLedger create(Path file) {
        try {
            final Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL,"
                        + " occurred_at TEXT NOT NULL, tenant TEXT, correlation TEXT, kind TEXT NOT NULL, chain TEXT,"
                        + " body BLOB NOT NULL)");
                statement.execute("CREATE INDEX events_tenant_kind ON events (tenant, kind)");
                statement.execute("CREATE INDEX events_correlation ON events (correlation)");
            }
            return new SqliteLedger(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the SQLite baseline in " + file, e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** Inserts one event in its own transaction. */
    void insert(ExperienceEventEnvelope envelope, byte[] json) throws SQLException {
        bind(envelope, json);
        insert.executeUpdate();
    }

    /** Inserts events in one transaction. */
    void insertAll(ExperienceEventEnvelope[] envelopes, byte[][] json) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (int i = 0; i < envelopes.length; i++) {
                bind(envelopes[i], json[i]);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void bind(ExperienceEventEnvelope envelope, byte[] json) throws SQLException {
        final ExperienceEvent event = envelope.event();
        insert.setString(1, envelope.eventId().value());
        insert.setString(2, envelope.occurredAt());
        insert.setString(3, envelope.tenantId() == null ? null : envelope.tenantId().value());
        insert.setString(4, envelope.correlationId() == null ? null : envelope.correlationId().value());
        insert.setString(5, event.kind().name());
        insert.setString(6, QueryMatcher.filterableChainId(event) == null ? null
                : QueryMatcher.filterableChainId(event).value());
        insert.setBytes(7, json);
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
