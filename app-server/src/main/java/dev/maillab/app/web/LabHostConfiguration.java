package dev.maillab.app.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The {@link LabHostFilter} before every other filter: a foreign Host is refused before a body is read. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class LabHostConfiguration {

    @Bean
    FilterRegistrationBean<LabHostFilter> labHostFilter() {
        FilterRegistrationBean<LabHostFilter> r = new FilterRegistrationBean<>(new LabHostFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }
}
