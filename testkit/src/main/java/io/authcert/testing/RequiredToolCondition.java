package io.authcert.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips a test whose {@link Requires tools} are missing, saying how to install them; under
 * {@code CI=true} a missing tool fails the test instead, so CI can never pass by skipping.
 */
final class RequiredToolCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, Requires.class)).ifPresent(requires -> {
            for (RequiredTool tool : requires.value()) {
                if (!tool.isPresent()) {
                    missing.add(tool.missingMessage());
                }
            }
        });
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("every required tool is installed");
        }
        String reason = String.join("; ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new ExtensionConfigurationException("CI=true and " + reason + " (.ci/run installs it)");
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
