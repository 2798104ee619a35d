package fr.paris.ledger.infra.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page, for the requests it refuses before any filter or controller sees them
 * (an encoded NUL or slash in the path, bytes that are not UTF-8, a header too large): a problem
 * with a stable code instead of Tomcat's HTML page, which also names the server and its version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        boolean server = status >= 500;
        String code = server ? "server.error" : "request.invalid";
        String title = server ? "Internal error" : "Invalid request";
        String detail = server ? "The ledger could not complete this request." : "The request line or headers are malformed.";
        String body = "{\"type\":\"/problems/" + code + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response is already on its way: nothing more to say
        }
    }
}
