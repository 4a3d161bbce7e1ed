package io.gpuledger.auth;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands controllers the authenticated {@link Caller} as a parameter. */
@Component
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        Object caller = request.getAttribute(ApiKeyFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (caller == null) {
            // Only reachable if a route escaped ApiKeyFilter: refuse as unauthenticated, never serve.
            throw new LedgerRejection(RejectionCode.UNAUTHENTICATED, "send Authorization: Bearer <api key>");
        }
        return caller;
    }
}
