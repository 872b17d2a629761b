package io.dinplatform.worker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dinplatform.registry.artifact.s3.S3TestServer;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment that {@code docker-compose.yml} gives one of its services, as {@code docker compose up} would
 * with no {@code .env} file: YAML anchors and merge keys expanded, each {@code ${VAR:-default}} replaced by its
 * default, {@code $$} by {@code $}. A test that starts the platform's processes with it runs them configured exactly
 * as the compose stack configures its containers, except for what a test must point elsewhere.
 */
public final class ComposeServiceEnvironment {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private ComposeServiceEnvironment() {
    }

    /** The service's {@code environment:} with the compose file's defaults, in the file's order. */
    public static Map<String, String> of(String service) throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(composeFile())) {
            compose = new Yaml().load(reader);
        }
        Map<?, ?> services = (Map<?, ?>) compose.get("services");
        Map<?, ?> definition = (Map<?, ?>) services.get(service);
        if (definition == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + service);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<?, ?>) definition.get("environment")).forEach((name, value) ->
                environment.put(String.valueOf(name), withDefaults(String.valueOf(value))));
        return environment;
    }

    /**
     * The service's environment with some variables set to other values: what a test must point elsewhere (the
     * database, the directories the volumes provide). Each must be a variable the service sets, so that one renamed
     * in the compose file fails the test rather than leaving the process configured by something else.
     */
    public static Map<String, String> of(String service, Map<String, String> replacements) throws IOException {
        Map<String, String> environment = of(service);
        List<String> unknown = replacements.keySet().stream().filter(name -> !environment.containsKey(name))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("docker-compose.yml's " + service + " service sets no " + unknown
                    + ", only " + environment.keySet());
        }
        environment.putAll(replacements);
        return environment;
    }

    /**
     * The compose variables that point the platform's processes at the test's S3 server instead of the stack's MinIO
     * service: its endpoint, its bucket and its credentials (path-style access and the rest stay as composed).
     */
    public static Map<String, String> objectStore(S3TestServer s3) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DIN_ARTIFACTS_S3_ENDPOINT", s3.endpoint());
        variables.put("DIN_ARTIFACTS_S3_BUCKET", S3TestServer.BUCKET);
        variables.put("DIN_ARTIFACTS_S3_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY_ID);
        variables.put("DIN_ARTIFACTS_S3_SECRET_ACCESS_KEY", S3TestServer.SECRET_ACCESS_KEY);
        return variables;
    }

    /** The compose file of this checkout: the repository root is above the module the tests run in. */
    static Path composeFile() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("docker-compose.yml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    /** Compose's interpolation with every variable unset; a variable without a default becomes empty, as there. */
    static String withDefaults(String value) {
        Matcher variable = VARIABLE.matcher(value.replace("$$", "\u0000"));
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String fallback = variable.group(2) == null ? "" : variable.group(2);
            variable.appendReplacement(resolved, Matcher.quoteReplacement(fallback));
        }
        variable.appendTail(resolved);
        return resolved.toString().replace("\u0000", "$");
    }
}
