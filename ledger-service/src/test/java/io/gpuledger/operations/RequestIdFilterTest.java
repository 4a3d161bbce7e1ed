package io.gpuledger.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

    @Test
    void theRequestIdIsInTheMdcWhileTheRequestRunsAndGoneAfter() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/settlement/epochs");
        request.addHeader(RequestIdFilter.HEADER, "job-7:step-2");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> seen = new AtomicReference<>();

        new RequestIdFilter().doFilter(request, response, (req, res) -> seen.set(MDC.get(RequestIdFilter.MDC_KEY)));

        assertThat(seen.get()).isEqualTo("job-7:step-2");
        assertThat(response.getHeader(RequestIdFilter.HEADER)).isEqualTo("job-7:step-2");
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
    }
}
