package dev.maillab.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;

/**
 * One error as the asker wants it: the error page for a browser (Accept: text/html), RFC 9457 problem+json for
 * anything else (the event stream, scripts, tests).
 */
final class ErrorAnswer {

    private ErrorAnswer() {}

    static ModelAndView of(
            HttpServletRequest request, HttpStatus status, String title, String detail, JsonMapper json) {
        if (wantsHtml(request)) {
            ModelAndView page = new ModelAndView("error", status);
            page.addObject("status", status.value());
            page.addObject("title", title);
            page.addObject("detail", detail);
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        ModelAndView answer = new ModelAndView(new ProblemJsonView(problem, json));
        answer.setStatus(status);
        return answer;
    }

    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return true;
            }
        }
        return false;
    }

    /** Writes the problem as application/problem+json. */
    private record ProblemJsonView(ProblemDetail problem, JsonMapper json) implements View {

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_PROBLEM_JSON_VALUE;
        }

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws Exception {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problem);
        }
    }
}
