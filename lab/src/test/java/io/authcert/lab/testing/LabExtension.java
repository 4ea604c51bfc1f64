package io.authcert.lab.testing;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.Scenario;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The JUnit 5 side of {@link WithLab}: starts the lab lazily, injects it, closes it with the class or method. */
public final class LabExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);

    /** Closes the lab when JUnit closes the store it lives in. */
    private record Running(EmbeddedLab lab) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            lab.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<WithLab> onMethod = context.getTestMethod().flatMap(m -> annotation(m));
        ExtensionContext owner = onMethod.isPresent() ? context : classContext(context);
        WithLab config = onMethod.or(() -> context.getTestClass().flatMap(LabExtension::annotation))
                .orElseThrow(() -> new ParameterResolutionException("an EmbeddedLab parameter needs @WithLab"));
        return owner.getStore(NS).getOrComputeIfAbsent("lab", k -> start(config), Running.class).lab();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static Optional<WithLab> annotation(AnnotatedElement element) {
        return Optional.ofNullable(element.getAnnotation(WithLab.class));
    }

    private static Running start(WithLab config) {
        try {
            int servers = config.servers() > 0 ? config.servers() : Scenario.load(config.scenario()).defaultServers();
            EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withSpeed(config.speed());
            if (config.basicOverHttp()) {
                options = options.withCredentials(EmbeddedLab.Options.LOCAL_USER, EmbeddedLab.Options.DEFAULT_PASSWORD)
                        .withBasicOverHttp();
            }
            return new Running(EmbeddedLab.start(config.scenario(), servers, options));
        } catch (java.io.IOException e) {
            throw new ParameterResolutionException("cannot start the lab: " + e.getMessage(), e);
        }
    }
}
