package io.dinplatform.registry.database;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no database URL is configured ({@code spring.datasource.url}, e.g. from SPRING_DATASOURCE_URL). */
class NoDataSourceUrlCondition extends SpringBootCondition {

    private static final String URL_PROPERTY = "spring.datasource.url";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty(URL_PROPERTY);
        return StringUtils.hasText(url)
                ? ConditionOutcome.noMatch(URL_PROPERTY + " is set: using that database")
                : ConditionOutcome.match(URL_PROPERTY + " is not set: starting the embedded PostgreSQL");
    }
}
