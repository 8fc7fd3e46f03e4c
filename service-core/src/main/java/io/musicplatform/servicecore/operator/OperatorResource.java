package io.musicplatform.servicecore.operator;

import io.musicplatform.events.TopicSpec;
import io.musicplatform.servicecore.api.Page;
import io.musicplatform.servicecore.kafka.ConsumerLag;
import io.musicplatform.servicecore.kafka.DeadLetterRecords;
import io.musicplatform.servicecore.kafka.ServiceTopics;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What an operator asks any service about its messaging: its topics with their settings, presence and
 * the consumer group's lag, and the records it moved to a dead-letter topic, with why. Admin only;
 * under the service's API path, e.g. {@code /api/catalog/admin/topics}.
 */
@Path("/admin")
@RolesAllowed("admin")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "The service's topics, consumer lag and dead letters; role admin")
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "403", description = "The token lacks the admin role")
public class OperatorResource {

    /** A topic of the service as declared and as the broker has it. */
    @Schema(name = "TopicState")
    public record TopicState(
            @Schema(examples = "track-ingested") String name,
            @Schema(description = "PRODUCES, CONSUMES, DEAD_LETTER or BROADCAST (read whole by every replica, in a group of its own)") ServiceTopics.Role role,
            @Schema(examples = "3") int declaredPartitions,
            @Schema(examples = "compact") String cleanupPolicy,
            @Schema(description = "Declared retention in ms; null keeps records forever", nullable = true) Long retentionMs,
            boolean exists,
            @Schema(description = "The consumer group's position per partition; only for the topics the service reads in its group (CONSUMES)")
            List<ConsumerLag.PartitionLag> lag) {
    }

    private final ServiceTopics topics;
    private final ConsumerLag consumerLag;
    private final DeadLetterRecords deadLetters;

    public OperatorResource(ServiceTopics topics, ConsumerLag consumerLag, DeadLetterRecords deadLetters) {
        this.topics = topics;
        this.consumerLag = consumerLag;
        this.deadLetters = deadLetters;
    }

    @GET
    @Path("/topics")
    @Operation(operationId = "listTopics", summary = "The service's topics, whether they exist, and the consumer lag")
    @APIResponse(responseCode = "200", description = "Every topic the service writes or reads")
    @APIResponse(responseCode = "503", description = "Kafka did not answer")
    public Page<TopicState> listTopics() {
        Set<String> existing = kafkaAnswer(topics::existing);
        return Page.last(topics.all().stream().map(topic -> {
            TopicSpec spec = topic.spec();
            boolean exists = existing.contains(spec.name());
            List<ConsumerLag.PartitionLag> lag = topic.role() == ServiceTopics.Role.CONSUMES && exists
                    ? kafkaAnswer(() -> consumerLag.of(spec.name())) : List.of();
            return new TopicState(spec.name(), topic.role(), spec.partitions(), spec.cleanupPolicy().configValue(),
                    spec.retention() == null ? null : spec.retention().toMillis(), exists, lag);
        }).toList());
    }

    @GET
    @Path("/dead-letters")
    @Operation(operationId = "listDeadLetters",
            summary = "Records moved to one of the service's dead-letter topics, newest first, with the reason")
    @APIResponse(responseCode = "200", description = "A page of dead letters")
    @APIResponse(responseCode = "400", description = "Unknown topic, limit out of range or bad cursor")
    public Page<DeadLetterRecords.DeadLetter> listDeadLetters(
            @QueryParam("topic") @NotBlank @Schema(examples = "track-ingested.dlq") String topic,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") String cursor) {
        boolean ours = topics.all().stream()
                .anyMatch(t -> t.role() == ServiceTopics.Role.DEAD_LETTER && t.spec().name().equals(topic));
        if (!ours) {
            throw new BadRequestException("'" + topic + "' is not a dead-letter topic of this service; see GET admin/topics");
        }
        return deadLetters.page(topic, limit, cursor);
    }

    /** What Kafka answers, or 503 problem+json when it does not: an outage is not a bug of this service. */
    private static <T> T kafkaAnswer(Callable<T> question) {
        try {
            return question.call();
        } catch (Exception e) {
            throw new ServiceUnavailableException("Kafka did not answer (" + e.getMessage() + "); try again when it is back", 5L);
        }
    }
}
