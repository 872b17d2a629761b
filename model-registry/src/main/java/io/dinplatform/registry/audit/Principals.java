package io.dinplatform.registry.audit;

/**
 * How the audit log (and a run's {@code requested_by}) names who made a change: {@code token:<id>} for an API token
 * (its public id, never its text), {@code subject:<name>} for any other signed-in user, {@code worker:<id>} for a
 * worker acting on its own, {@code system} for the platform's own scheduled work, and {@code anonymous} for a
 * refused request that carried no valid credentials.
 */
public final class Principals {

    public static final String SYSTEM = "system";
    public static final String ANONYMOUS = "anonymous";

    private Principals() {
    }

    public static String token(String id) {
        return "token:" + id;
    }

    public static String subject(String name) {
        return "subject:" + name;
    }

    public static String worker(String id) {
        return "worker:" + id;
    }
}
