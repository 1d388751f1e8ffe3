package net.mfagateway.gateway.store.postgres;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the PostgreSQL store lives, parsed once from a libpq-style URI
 * ({@code postgresql://user:password@host:port/database?sslmode=require}, also {@code postgres://})
 * or a JDBC URL ({@code jdbc:postgresql://host:port/database?user=..&password=..}). User, password
 * and database are percent-decoded; the port defaults to 5432; other query parameters go to the
 * driver as they are, except the few libpq spellings pgjdbc names differently. {@link #toString()}
 * never shows the password.
 */
final class PostgresLocation {

    static final int DEFAULT_PORT = 5432;
    /** libpq parameter names that pgjdbc spells differently; the rest (sslmode, sslrootcert, ...) agree. */
    private static final Map<String, String> LIBPQ_NAMES = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType");
    /** libpq's {@code target_session_attrs} values as pgjdbc's {@code targetServerType} names them. */
    private static final Map<String, String> TARGET_SESSION_ATTRS = Map.of(
            "any", "any",
            "read-write", "primary",
            "primary", "primary",
            "read-only", "secondary",
            "standby", "secondary",
            "prefer-standby", "preferSecondary");

    private final String hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private PostgresLocation(String hosts, String database, String user, String password,
            Map<String, String> parameters) {
        this.hosts = hosts;
        this.database = database;
        this.user = user;
        this.password = password;
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses {@code location}; the message of a refusal quotes it with any password masked. */
    static PostgresLocation parse(String location) {
        String rest = location.strip();
        String scheme = rest.contains("://") ? rest.substring(0, rest.indexOf("://")) : "";
        if (!scheme.equals("postgresql") && !scheme.equals("postgres") && !scheme.equals("jdbc:postgresql")) {
            throw refused(location, "it must start with postgresql://, postgres:// or jdbc:postgresql://");
        }
        rest = rest.substring(scheme.length() + 3);
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw refused(location, "query parameter '" + pair.replaceAll("(?i)^password.*", "password")
                            + "' has no name=value");
                }
                String name = decode(pair.substring(0, eq), location);
                String value = decode(pair.substring(eq + 1), location);
                if (name.equals("target_session_attrs")) {
                    if (!TARGET_SESSION_ATTRS.containsKey(value)) {
                        throw refused(location, "target_session_attrs=" + value + " is not one of "
                                + new java.util.TreeSet<>(TARGET_SESSION_ATTRS.keySet()));
                    }
                    value = TARGET_SESSION_ATTRS.get(value);
                }
                parameters.put(LIBPQ_NAMES.getOrDefault(name, name), value);
            }
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1), location) : "";
        String user = parameters.remove("user");
        String password = parameters.remove("password");
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, location);
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1), location);
            }
            authority = authority.substring(at + 1);
        }
        if (authority.isEmpty()) {
            throw refused(location, "it names no host");
        }
        StringBuilder hosts = new StringBuilder();
        for (String host : authority.split(",")) {
            hosts.append(hosts.isEmpty() ? "" : ",").append(withPort(host, location));
        }
        if (user == null || user.isEmpty()) {
            throw refused(location, "it names no user (postgresql://USER:PASSWORD@host/database)");
        }
        // As libpq: no database named means the one named like the user.
        return new PostgresLocation(hosts.toString(), database.isEmpty() ? user : database, user, password,
                parameters);
    }

    private static String withPort(String host, String location) {
        boolean bracketed = host.startsWith("[");
        int colon = bracketed ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
        if (host.isEmpty() || host.equals("[]") || (bracketed && host.indexOf(']') < 0)) {
            throw refused(location, "host '" + host + "' is not a host name, IPv4 or [IPv6] address");
        }
        if (colon < 0) {
            return host + ":" + DEFAULT_PORT;
        }
        String port = host.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
            throw refused(location, "port '" + port + "' is not a number from 1 to 65535");
        }
        return host;
    }

    private static String decode(String s, String location) {
        try {
            // URLDecoder would turn '+' into a space; in a URI it is a plus.
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused(location, "a part of it has a malformed %-escape");
        }
    }

    private static IllegalArgumentException refused(String location, String why) {
        return new IllegalArgumentException("store location " + masked(location) + " is not a PostgreSQL location: "
                + why + "; expected postgresql://user:password@host:5432/database?sslmode=require or"
                + " jdbc:postgresql://host:5432/database?user=..&password=..");
    }

    /** {@code location} with the password (in the user info or a {@code password=} parameter) masked. */
    static String masked(String location) {
        return location.replaceAll("(://[^/@?]*?:)[^/@?]*@", "$1<masked>@")
                .replaceAll("(?i)([?&][a-z]*password=)[^&]*", "$1<masked>");
    }

    /** The URL the driver connects to: hosts and database, with no credentials and no parameters. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + hosts + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** What the driver is given beside the URL: user, password and the location's parameters. */
    Properties driverProperties() {
        Properties p = new Properties();
        p.putAll(parameters);
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    String hosts() {
        return hosts;
    }

    String database() {
        return database;
    }

    String user() {
        return user;
    }

    Map<String, String> parameters() {
        return parameters;
    }

    /** The location as logs may show it: without its password. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("postgresql://").append(user).append('@').append(hosts).append('/')
                .append(database);
        String separator = "?";
        for (var p : parameters.entrySet()) {
            boolean secret = p.getKey().toLowerCase(java.util.Locale.ROOT).contains("password");
            s.append(separator).append(p.getKey()).append('=').append(secret ? "<masked>" : p.getValue());
            separator = "&";
        }
        return s.toString();
    }
}
