package io.logos.delivery.plugin.archive.postgres;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the archive lives, from nwaku's URL form {@code postgres://user:password@host:port/database}, extended
 * to {@code postgres[ql]://[user[:password]@]host[:port]/database[?name=value&...]}. User, password, database and
 * parameters are percent-decoded; the parameters are PostgreSQL JDBC connection properties (e.g.
 * {@code sslmode=require}, {@code currentSchema=archive}); a raw {@code '@'} in them must be percent-encoded. Error
 * messages and {@link #toString()} never show the password.
 *
 * @param host a host name, an IPv4 address or a bracketed IPv6 address
 * @param user empty when the URL names none (the JDBC driver then picks its default)
 * @param password empty when the URL names none
 */
record PostgresUrl(String host, int port, String database, Optional<String> user, Optional<String> password,
                   Map<String, String> parameters) {

    static final Set<String> SCHEMES = Set.of("postgres", "postgresql");
    static final int DEFAULT_PORT = 5432;

    private static final String FORM = "expected postgres://user:password@host[:port]/database[?name=value&...]";

    PostgresUrl {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses the URL of {@code config}.
     *
     * @throws ArchiveException when the URL is not of the form above, saying what is wrong (without the password)
     */
    static PostgresUrl parse(ArchiveDriverConfig config) {
        if (!SCHEMES.contains(config.scheme())) {
            throw invalid("the scheme is '" + config.scheme() + "', not postgres or postgresql");
        }
        String location = config.location();
        // the password may hold a raw '@': the credentials end at the last one
        int at = location.lastIndexOf('@');
        String rest = location.substring(at + 1);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw invalid("it names no database");
        }
        String pathAndQuery = rest.substring(slash + 1);
        int question = pathAndQuery.indexOf('?');
        String database = decode(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question), "database name");
        if (database.isEmpty()) {
            throw invalid("it names no database");
        }
        Map<String, String> parameters = question < 0 ? Map.of() : parameters(pathAndQuery.substring(question + 1));
        HostAndPort address = HostAndPort.parse(rest.substring(0, slash));

        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (at >= 0) {
            String credentials = location.substring(0, at);
            int colon = credentials.indexOf(':');
            user = Optional.of(decode(colon < 0 ? credentials : credentials.substring(0, colon), "user name"));
            if (colon >= 0) {
                password = Optional.of(decode(credentials.substring(colon + 1), "password"));
            }
        }
        return new PostgresUrl(address.host(), address.port(), database, user, password, parameters);
    }

    /** The JDBC URL: server and database only; credentials and parameters go in {@link #connectionProperties()}. */
    String jdbcUrl() {
        // the JDBC driver URL-decodes the database name
        return "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** The JDBC connection properties: {@code defaults}, then the URL's parameters, then its credentials. */
    Properties connectionProperties(Map<String, String> defaults) {
        Properties properties = new Properties();
        properties.putAll(defaults);
        properties.putAll(parameters);
        user.ifPresent(name -> properties.setProperty("user", name));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        return properties;
    }

    /** {@code host:port/database}, for messages. */
    String describe() {
        return host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        String credentials = user.map(name -> name + password.map(secret -> ":***").orElse("") + "@").orElse("");
        // parameter values are left out too: one of them may be a password
        return "postgres://" + credentials + describe() + (parameters.isEmpty() ? "" : "?" + parameters.keySet());
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "parameter name");
            if (equals < 0 || name.isEmpty()) {
                throw invalid("parameter '" + name + "' is not of the form name=value");
            }
            parameters.put(name, decode(pair.substring(equals + 1), "value of parameter " + name));
        }
        return parameters;
    }

    /** RFC 3986 percent-decoding as UTF-8; unlike form decoding, '+' stays '+'. */
    private static String decode(String text, String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int from = 0;
        while (from < text.length()) {
            int percent = text.indexOf('%', from);
            bytes.writeBytes(text.substring(from, percent < 0 ? text.length() : percent).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int high = percent + 2 < text.length() ? Character.digit(text.charAt(percent + 1), 16) : -1;
            int low = percent + 2 < text.length() ? Character.digit(text.charAt(percent + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw invalid("the " + part + " holds a '%' that is not followed by two hex digits");
            }
            bytes.write(high << 4 | low);
            from = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ArchiveException invalid(String reason) {
        return new ArchiveException("invalid PostgreSQL archive URL: " + reason + "; " + FORM);
    }

    private record HostAndPort(String host, int port) {

        static HostAndPort parse(String authority) {
            int hostEnd = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.indexOf(':');
            if (hostEnd < 0) {
                hostEnd = authority.length();
            }
            String host = authority.substring(0, hostEnd);
            String afterHost = authority.substring(hostEnd);
            if (host.isEmpty() || host.equals("[]")) {
                throw invalid("it names no host");
            }
            if (afterHost.isEmpty()) {
                return new HostAndPort(host, DEFAULT_PORT);
            }
            if (!afterHost.startsWith(":")) {
                throw invalid("the host '" + host + "' is followed by '" + afterHost + "', not by :port");
            }
            String port = afterHost.substring(1);
            try {
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65_535) {
                    throw new NumberFormatException();
                }
                return new HostAndPort(host, number);
            } catch (NumberFormatException e) {
                throw invalid("the port '" + port + "' is not a number from 1 to 65535");
            }
        }
    }
}
