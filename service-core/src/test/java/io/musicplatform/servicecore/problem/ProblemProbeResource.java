package io.musicplatform.servicecore.problem;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Test-only endpoints that fail in each of the ways a real one can. */
@Path("/probe")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProblemProbeResource {

    public record Draft(@NotBlank String title, @NotNull @Min(1) Integer year, List<@NotBlank String> artists) {
    }

    @POST
    @Path("/drafts")
    public Draft create(@Valid @NotNull Draft draft) {
        return draft;
    }

    @GET
    @Path("/items")
    public List<String> items(@QueryParam("limit") @Min(1) @Max(100) int limit) {
        return List.of();
    }

    @GET
    @Path("/private")
    @Authenticated
    public String secret() {
        return "secret";
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("a bug with internal details");
    }
}
