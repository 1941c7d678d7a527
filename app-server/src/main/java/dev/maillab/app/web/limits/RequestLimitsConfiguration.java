package dev.maillab.app.web.limits;

import dev.maillab.app.config.AppProperties;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** What an HTTP request may make the service hold: the body filter, the request memory, the JSON parser's bounds. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class RequestLimitsConfiguration {

    @Bean
    RequestMemory requestMemory(AppProperties props) {
        return new RequestMemory(props.limits().requestMemory());
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(AppProperties props, RequestMemory memory) {
        AppProperties.Limits l = props.limits();
        FilterRegistrationBean<RequestBodyLimitFilter> r = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(l.maxRequestBytes(), l.requestReadTimeout(), memory));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // after the Host check (web.LabHostConfiguration)
        return r;
    }

    /**
     * Spring Boot's JSON mapper builder (its customizers applied) on a parser that refuses, with the field's path,
     * strings longer than any field allows, deep nesting and documents of more tokens than a full request has
     * (10 000 recipients would otherwise become 10 000 objects before any check). Base64 attachments are decoded
     * straight from the input into bytes, outside the string bound.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers, AppProperties props) {
        AppProperties.Limits l = props.limits();
        StreamReadConstraints bounds = StreamReadConstraints.builder()
                .maxStringLength(l.maxBodyChars())
                .maxNestingDepth(l.maxJsonDepth())
                .maxTokenCount(l.maxJsonTokens())
                .maxDocumentLength(l.maxRequestBytes())
                .build();
        JsonMapper.Builder b = JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(bounds).build());
        customizers.forEach(c -> c.customize(b));
        return b;
    }
}
