package org.wechatmp.examples.benchmarks;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database made for one benchmark run ({@code loadbench_<random>}) and dropped when closed.
 */
final class ScratchDatabase implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

    private final String adminUrl;
    private final String name;
    private final String url;

    private ScratchDatabase(String adminUrl, String name, String url) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = url;
    }

    /**
     * Creates the database.
     *
     * @param serverUrl a JDBC URL of the server (any existing database; its name is replaced)
     * @param prefix the name's prefix (letters, digits, underscores)
     * @return the database
     * @throws SQLException when the server refuses
     */
    static ScratchDatabase create(String serverUrl, String prefix) throws SQLException {
        if (!prefix.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("not a database name prefix: " + prefix);
        }
        String name = prefix + "_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        try (Connection c = DriverManager.getConnection(on(serverUrl, "postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new ScratchDatabase(on(serverUrl, "postgres"), name, on(serverUrl, name));
    }

    /**
     * The URL of a named database on the server, created if it does not exist yet (kept afterwards: for data that
     * is seeded once and reused, as the admin benchmark's million followers).
     *
     * @param serverUrl a JDBC URL of the server (any existing database; its name is replaced)
     * @param name the database's name (letters, digits, underscores)
     * @return the database's URL
     * @throws SQLException when the server refuses
     */
    static String ensure(String serverUrl, String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(on(serverUrl, "postgres")); Statement s = c.createStatement()) {
            boolean exists;
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + name);
            }
        }
        return on(serverUrl, name);
    }

    /** The server URL with another database name in it (its parameters kept). */
    private static String on(String serverUrl, String database) {
        Matcher m = URL.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + serverUrl);
        }
        return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
    }

    String name() {
        return name;
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
