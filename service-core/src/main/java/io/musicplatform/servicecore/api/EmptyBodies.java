package io.musicplatform.servicecore.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An empty body is no body, whatever type it claims: {@code curl -d ''} and many HTTP clients label
 * an empty POST {@code application/x-www-form-urlencoded}, which would otherwise be refused with 415
 * by an endpoint whose JSON body is optional (such as play).
 */
public class EmptyBodies {

    @ServerRequestFilter(preMatching = true)
    public void emptyBodyHasNoType(ContainerRequestContext request) {
        if ("0".equals(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}
