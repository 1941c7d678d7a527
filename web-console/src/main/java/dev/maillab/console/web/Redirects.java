package dev.maillab.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.view.RedirectView;

/** After a POST (send, delete): 303 See Other, so the browser GETs the next page and a reload never posts again. */
public final class Redirects {

    private Redirects() {}

    /** @param path an already-encoded path and query on the console */
    public static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return view;
    }
}
