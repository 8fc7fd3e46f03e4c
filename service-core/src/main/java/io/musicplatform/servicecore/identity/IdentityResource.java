package io.musicplatform.servicecore.identity;

import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Who the caller is, read from its access token alone (DESIGN.md section 9, identity): the user id
 * every service keys its data by, the name to display, the realm roles and the country that decides
 * what may play. Every service serves it under its API path ({@code /api/catalog/me}); the web app
 * asks it, and benchmarks use it as the ceiling of an authenticated request: token checked, JSON
 * written, no store touched.
 */
@Path("/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity", description = "The caller, as its access token says")
public class IdentityResource {

    /**
     * The caller's identity.
     *
     * @param userId   the token's {@code sub}: the user id of every service
     * @param username the token's {@code preferred_username}, for display
     * @param roles    the caller's realm roles, sorted
     * @param country  the token's {@code country} claim (ISO 3166-1 alpha-2), or null when the user has none
     */
    @Schema(name = "Identity")
    public record Identity(
            @Schema(description = "The token's sub: the user id every service keys its data by",
                    examples = "5f0c7a8e-2d1b-4c59-9a63-3b1e4f2d8c10") String userId,
            @Schema(description = "The token's preferred_username, for display", examples = "listener") String username,
            @Schema(description = "The caller's realm roles, sorted", examples = "[\"user\"]") List<String> roles,
            @Schema(description = "The token's country claim (ISO 3166-1 alpha-2); null when the user has none: "
                    + "then only tracks without territory limits play", nullable = true, examples = "FR") String country) {
    }

    private final SecurityIdentity caller;
    private final JsonWebToken token;

    public IdentityResource(SecurityIdentity caller, JsonWebToken token) {
        this.caller = caller;
        this.token = token;
    }

    @GET
    // Nothing here waits on a store: answered on the event loop, as the services' reactive endpoints are.
    @NonBlocking
    @Operation(operationId = "whoAmI", summary = "The caller's user id, name, roles and country, from its access token")
    @APIResponse(responseCode = "200", description = "The caller's identity",
            content = @Content(schema = @Schema(implementation = Identity.class)))
    @APIResponse(responseCode = "401", description = "No valid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The identity provider could not be reached to check the token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Identity whoAmI() {
        return new Identity(token.getSubject(), token.getClaim("preferred_username"),
                caller.getRoles().stream().sorted().toList(), token.getClaim("country"));
    }
}
