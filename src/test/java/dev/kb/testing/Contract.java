package dev.kb.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;

/**
 * REST Assured requests whose responses are checked against openapi.yaml. Requests are not validated, so tests
 * can send bad input on purpose; every response, problem responses included, must match the contract.
 */
public final class Contract {
    private static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(Path.of("openapi.yaml").toAbsolutePath().toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private Contract() {
    }

    public static RequestSpecification given(int port) {
        return RestAssured.given(new RequestSpecBuilder().setPort(port).addFilter(FILTER).build());
    }
}
