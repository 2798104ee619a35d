package fr.paris.ledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-address limit on concurrent audit downloads: who gets a slot, and when it is given back. */
class DownloadLimitFilterTest {
    static final String EXPORT = "/api/v1/audit/export";
    final DownloadLimitFilter filter = new DownloadLimitFilter(Set.of(EXPORT), 2, new ObjectMapper());

    static MockHttpServletRequest download(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", EXPORT);
        request.setServletPath(EXPORT);
        request.setRemoteAddr(address);
        request.setAsyncSupported(true);
        return request;
    }

    /** A download whose streamed (asynchronous) response is still going on. */
    MockHttpServletRequest streaming(String address) throws Exception {
        MockHttpServletRequest request = download(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> req.startAsync());
        assertThat(response.getStatus()).isEqualTo(200);
        return request;
    }

    MockHttpServletResponse call(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> { });
        return response;
    }

    @Test
    void a_third_download_from_one_address_gets_429_while_two_stream_and_passes_once_one_ends() throws Exception {
        MockHttpServletRequest first = streaming("192.0.2.1");
        streaming("192.0.2.1");
        assertThat(filter.active()).isEqualTo(2);

        MockHttpServletResponse third = call(download("192.0.2.1"));
        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(third.getContentType()).startsWith("application/problem+json");
        assertThat(third.getHeader("Retry-After")).isEqualTo("1");
        assertThat(third.getContentAsString()).contains("\"code\":\"audit.too-many-downloads\"");
        // another address is not affected
        assertThat(call(download("192.0.2.2")).getStatus()).isEqualTo(200);

        ((MockAsyncContext) first.getAsyncContext()).complete();
        assertThat(filter.active()).isEqualTo(1);
        assertThat(call(download("192.0.2.1")).getStatus()).isEqualTo(200);
    }

    @Test
    void a_slot_is_given_back_once_when_a_response_ends_synchronously_or_fails() throws Exception {
        call(download("192.0.2.1"));
        assertThat(filter.active()).isZero();
        FilterChain failing = (req, res) -> {
            throw new ServletException("the stream failed");
        };
        assertThatThrownBy(() -> filter.doFilter(download("192.0.2.1"), new MockHttpServletResponse(), failing))
                .isInstanceOf(ServletException.class);
        assertThat(filter.active()).isZero();

        MockHttpServletRequest streamed = streaming("192.0.2.1");
        MockAsyncContext async = (MockAsyncContext) streamed.getAsyncContext();
        async.complete();
        async.complete();
        assertThat(filter.active()).isZero();
        streaming("192.0.2.1");
        streaming("192.0.2.1");
        assertThat(filter.active()).as("a second completion did not free a slot it no longer held").isEqualTo(2);
    }

    @Test
    void other_paths_are_not_limited() throws Exception {
        streaming("192.0.2.1");
        streaming("192.0.2.1");
        MockHttpServletRequest proof = new MockHttpServletRequest("GET", "/api/v1/audit/proofs/inclusion");
        proof.setServletPath("/api/v1/audit/proofs/inclusion");
        proof.setRemoteAddr("192.0.2.1");
        assertThat(call(proof).getStatus()).isEqualTo(200);
    }
}
