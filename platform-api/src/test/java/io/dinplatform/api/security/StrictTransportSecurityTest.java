package io.dinplatform.api.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HSTS is sent on answers to requests served over TLS (or that a proxy forwarded as HTTPS, which the server then
 * sees as secure), never over plain HTTP, where a browser would ignore it anyway.
 */
class StrictTransportSecurityTest {

    @Test
    void onlyAnswersOverTlsCarryHsts() throws Exception {
        try (SecurityChain chain = new SecurityChain(Map.of(), (request, response, handler, e) -> new ModelAndView())) {
            MockHttpServletRequest secure = SecurityChain.request("GET", "/");
            secure.setSecure(true);
            secure.setScheme("https");

            String overTls = chain.send(secure).response().getHeader("Strict-Transport-Security");
            String plain = chain.send(SecurityChain.request("GET", "/")).response()
                    .getHeader("Strict-Transport-Security");

            assertThat(overTls).startsWith("max-age=").contains("includeSubDomains");
            assertThat(plain).isNull();
        }
    }
}
