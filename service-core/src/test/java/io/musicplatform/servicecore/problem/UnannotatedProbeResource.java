package io.musicplatform.servicecore.problem;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only endpoint whose author forgot the security annotation: the shared configuration must refuse it. */
@Path("/forgotten")
public class UnannotatedProbeResource {

    @GET
    public String open() {
        return "nobody should read this";
    }
}
