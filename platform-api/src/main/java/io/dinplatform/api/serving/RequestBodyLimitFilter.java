package io.dinplatform.api.serving;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies beyond a limit with 413 before they are parsed: by their declared length, or, for a body
 * sent without one, by reading at most one byte more than the limit. Predict, rank and v2 infer bodies have their
 * own limit ({@code din.serving.max-body-size}); every other JSON body of the API has {@code din.api.max-body-size}.
 * Multipart uploads are bounded by the servlet container ({@code din.datasets.max-upload-size}).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final String V1_MODELS = "/api/v1/models/";
    private static final String V2_MODELS = "/v2/models/";
    private static final String V2_VERSIONS = "/versions/";
    private static final String V2_INFER = "/infer";
    private static final String SERVING_SETTING = "din.serving.max-body-size";

    private final DataSize limit;
    private final String setting;
    private final Predicate<HttpServletRequest> applies;
    private final HandlerExceptionResolver problems;

    /**
     * @param setting  the setting that holds the limit, named in the 413 answer
     * @param applies  which requests the limit is for
     * @param problems answers the 413 as the API answers every error (problem details)
     */
    public RequestBodyLimitFilter(DataSize limit, String setting, Predicate<HttpServletRequest> applies,
                                  HandlerExceptionResolver problems) {
        this.limit = limit;
        this.setting = setting;
        this.applies = applies;
        this.problems = problems;
    }

    /** The limit of predict and rank bodies. */
    public static RequestBodyLimitFilter serving(DataSize limit, HandlerExceptionResolver problems) {
        return new RequestBodyLimitFilter(limit, SERVING_SETTING, RequestBodyLimitFilter::isServing, problems);
    }

    /** The limit of every other body sent to the API, except multipart uploads. */
    public static RequestBodyLimitFilter otherApiBodies(DataSize limit, String setting,
                                                        HandlerExceptionResolver problems) {
        return new RequestBodyLimitFilter(limit, setting, request -> request.getRequestURI().startsWith("/api/")
                && hasBody(request) && !isServing(request) && !isMultipart(request), problems);
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    private static boolean isServing(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && isServingPath(request.getRequestURI());
    }

    /**
     * Predict and rank ({@code /api/v1/models/{name}/predict|rank}), and the Open Inference Protocol's infer
     * ({@code /v2/models/{name}[/versions/{version}]/infer}), each segment non-empty. Read with plain string
     * comparisons, not a regular expression: every request of the API passes here.
     */
    static boolean isServingPath(String path) {
        if (path.startsWith(V1_MODELS)) {
            int nameEnd = path.indexOf('/', V1_MODELS.length());
            return nameEnd > V1_MODELS.length()
                    && (path.endsWith("/predict") && path.length() == nameEnd + "/predict".length()
                    || path.endsWith("/rank") && path.length() == nameEnd + "/rank".length());
        }
        if (!path.startsWith(V2_MODELS) || !path.endsWith(V2_INFER)) {
            return false;
        }
        int nameEnd = path.indexOf('/', V2_MODELS.length());
        int inferStart = path.length() - V2_INFER.length();
        if (nameEnd <= V2_MODELS.length()) {
            return false;
        }
        if (nameEnd == inferStart) {
            return true;
        }
        int versionStart = nameEnd + V2_VERSIONS.length();
        return path.startsWith(V2_VERSIONS, nameEnd) && versionStart < inferStart
                && path.indexOf('/', versionStart) == inferStart;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !applies.test(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit.toBytes()) {
            problems.resolveException(request, response, null, new RequestBodyTooLargeException(limit, setting));
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.toBytes() + 1));
        if (body.length > limit.toBytes()) {
            problems.resolveException(request, response, null, new RequestBodyTooLargeException(limit, setting));
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    /** A request whose body was read ahead, served again from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
