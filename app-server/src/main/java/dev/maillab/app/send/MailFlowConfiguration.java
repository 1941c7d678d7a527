package dev.maillab.app.send;

import dev.maillab.app.compose.MailRequestValidator;
import dev.maillab.app.compose.MessageComposer;
import dev.maillab.app.config.AppProperties;
import dev.maillab.app.route.MxResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mail.dsl.Mail;

/** The sending pipeline: gateway -> Spring Integration Mail's outbound adapter -> MX-routing sender. */
@Configuration(proxyBeanMethods = false)
@IntegrationComponentScan(basePackageClasses = MailGateway.class)
public class MailFlowConfiguration {

    static final String OUTBOUND_CHANNEL = "outboundMail";

    @Bean
    MxResolver mxResolver(AppProperties props) {
        return new MxResolver(props.resolver(), props.dnsTimeout(), props.mailPort(), props.fallbackHost());
    }

    @Bean
    SendTraces sendTraces() {
        return new SendTraces();
    }

    @Bean
    RoutingMailSender routingMailSender(MxResolver mxResolver, AppProperties props, SendTraces traces) {
        return new RoutingMailSender(mxResolver, props, traces);
    }

    @Bean
    IntegrationFlow outboundMailFlow(RoutingMailSender sender) {
        return IntegrationFlow.from(OUTBOUND_CHANNEL)
                .handle(Mail.outboundAdapter(sender), e -> e.id("smtpOutboundAdapter"))
                .get();
    }

    @Bean
    MailRequestValidator mailRequestValidator(AppProperties props) {
        return new MailRequestValidator(
                props.limits(), props.from(), !props.submission().enabled());
    }

    @Bean
    MessageComposer messageComposer(AppProperties props) {
        return new MessageComposer(props.limits().maxMessageBytes());
    }

    /** @param observer who is told of each send (the event journal); none: nobody */
    @Bean
    MailService mailService(
            MailRequestValidator validator,
            MessageComposer composer,
            MailGateway gateway,
            SendTraces traces,
            ObjectProvider<SendObserver> observer) {
        return new MailService(
                validator, composer, gateway::send, traces, observer.getIfAvailable(() -> SendObserver.NONE));
    }
}
