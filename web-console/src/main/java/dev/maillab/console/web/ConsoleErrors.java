package dev.maillab.console.web;

import dev.maillab.console.BadInputException;
import dev.maillab.console.events.BrowserStreams;
import dev.maillab.console.events.ServiceAnswerException;
import dev.maillab.console.events.ServiceUnreachableException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every failure as a page or a problem (see {@link ErrorAnswer}): bad input 400, an unknown user or message the
 * service's own 404, a service that is down 502 saying it is unreachable, too many event streams 503.
 */
@ControllerAdvice
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    private final JsonMapper json;

    ConsoleErrors(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler
    ModelAndView badInput(BadInputException e, HttpServletRequest request) {
        return ErrorAnswer.of(request, HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), json);
    }

    @ExceptionHandler({
        MissingServletRequestParameterException.class,
        MethodArgumentTypeMismatchException.class,
        ServletRequestBindingException.class,
        HttpMessageNotReadableException.class,
        MultipartException.class
    })
    ModelAndView unreadable(Exception e, HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            return ErrorAnswer.of(
                    request,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Too large",
                    "the attachments are larger than allowed",
                    json);
        }
        String detail = e instanceof MethodArgumentTypeMismatchException m
                ? m.getName() + ": not a valid value"
                : e.getMessage();
        return ErrorAnswer.of(request, HttpStatus.BAD_REQUEST, "Bad request", detail, json);
    }

    @ExceptionHandler
    ModelAndView serviceAnswer(ServiceAnswerException e, HttpServletRequest request) {
        if (e.status() == 404) {
            return ErrorAnswer.of(request, HttpStatus.NOT_FOUND, "Not found", e.getMessage(), json);
        }
        if (e.isClientError()) {
            return ErrorAnswer.of(request, HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), json);
        }
        return ErrorAnswer.of(request, HttpStatus.BAD_GATEWAY, e.service().title() + " failed", e.getMessage(), json);
    }

    @ExceptionHandler
    ModelAndView unreachable(ServiceUnreachableException e, HttpServletRequest request) {
        return ErrorAnswer.of(
                request, HttpStatus.BAD_GATEWAY, e.service().title() + " unreachable", e.getMessage(), json);
    }

    @ExceptionHandler
    ModelAndView tooManyStreams(BrowserStreams.TooManyStreamsException e, HttpServletRequest request) {
        return ErrorAnswer.of(request, HttpStatus.SERVICE_UNAVAILABLE, "Too many event streams", e.getMessage(), json);
    }

    @ExceptionHandler
    ModelAndView notFound(NoResourceFoundException e, HttpServletRequest request) {
        return ErrorAnswer.of(
                request, HttpStatus.NOT_FOUND, "Not found", "no page at " + request.getRequestURI(), json);
    }

    /** The browser left an event stream (or a page) while it was written: nobody to answer. */
    @ExceptionHandler
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("client went away: {}", e.getMessage());
    }

    @ExceptionHandler
    ModelAndView other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse known) {
            // Spring MVC's own (405, 406, 415 ...): its status and words
            HttpStatus status = HttpStatus.resolve(known.getStatusCode().value());
            if (status != null && status.is4xxClientError()) {
                return ErrorAnswer.of(request, status, status.getReasonPhrase(), e.getMessage(), json);
            }
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return ErrorAnswer.of(
                request,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Console error",
                e.getClass().getSimpleName() + " (the console's log has the details)",
                json);
    }
}
