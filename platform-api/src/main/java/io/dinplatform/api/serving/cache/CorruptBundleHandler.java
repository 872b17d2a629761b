package io.dinplatform.api.serving.cache;

import io.dinplatform.api.error.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A model version that cannot be served until its bundle is repaired: a 503 problem naming the version, while other
 * versions still serve. Serving reports its own problem so that the API's general handler needs to know nothing of
 * serving; it is ordered before that handler, which answers every exception it is asked about, and after the
 * Open Inference Protocol's, which answers its own endpoints' errors in that protocol's form.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CorruptBundleHandler {

    private static final Logger log = LoggerFactory.getLogger(CorruptBundleHandler.class);

    @ExceptionHandler(CorruptBundleException.class)
    ProblemDetail corruptBundle(CorruptBundleException e) {
        log.error("Refusing to serve a corrupt bundle", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()
                + "; it was not used. Repair the artifact or serve another version.");
        problem.setType(ProblemTypes.CORRUPT_ARTIFACT);
        problem.setTitle("Corrupt model bundle");
        problem.setProperty("model", e.version().model());
        problem.setProperty("version", e.version().version());
        problem.setProperty("bundleSha256", e.version().bundleSha256());
        return problem;
    }
}
