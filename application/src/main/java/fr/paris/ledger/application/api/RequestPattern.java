package fr.paris.ledger.application.api;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerMapping;

/** The method and path template of the current request ({@code POST /api/v1/petitions/{id}/signatures}): safe to log, it holds no id. */
final class RequestPattern {
    private RequestPattern() {
    }

    static String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet)) {
            return "";
        }
        Object pattern = servlet.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return servlet.getRequest().getMethod() + " " + (pattern == null ? "" : pattern);
    }
}
