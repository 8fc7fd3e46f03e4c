package io.musicplatform.servicecore.kafka;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.TopicSpec;
import io.musicplatform.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The topics of this service: the ones it writes (created at start when missing, with the settings
 * declared in {@link Topics}), the ones it reads, and their dead-letter topics (which it writes too),
 * and the ones every replica reads whole for itself ({@code music.kafka.broadcasts}, no dead-letter topic).
 *
 * <p>Creation never holds the start up: when Kafka is unreachable the service starts anyway, not
 * ready, and tries again in the background until the topics exist.
 */
@ApplicationScoped
public class ServiceTopics {

    private static final Logger LOG = Logger.getLogger(ServiceTopics.class);

    public enum Role { PRODUCES, CONSUMES, DEAD_LETTER, BROADCAST }

    /** A topic of the service, with why it is one. */
    public record ServiceTopic(TopicSpec spec, Role role) {
    }

    private final MessagingConfig config;
    private final KafkaClients kafka;
    private volatile boolean created;
    private volatile Thread creator;

    public ServiceTopics(MessagingConfig config, KafkaClients kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** Every topic of the service, validated against the declarations: an undeclared name stops the start. */
    public List<ServiceTopic> all() {
        List<ServiceTopic> topics = new ArrayList<>();
        config.producedTopics().forEach(name -> topics.add(new ServiceTopic(Topics.spec(name), Role.PRODUCES)));
        config.consumedTopics().forEach(name -> topics.add(new ServiceTopic(Topics.spec(name), Role.CONSUMES)));
        config.consumedTopics().forEach(name -> topics.add(new ServiceTopic(Topics.spec(Topics.deadLetter(name)), Role.DEAD_LETTER)));
        config.broadcastTopics().forEach(name -> topics.add(new ServiceTopic(Topics.spec(name), Role.BROADCAST)));
        return topics;
    }

    /** The topics this service creates: those it writes, dead-letter topics included. */
    List<TopicSpec> owned() {
        Set<TopicSpec> owned = new LinkedHashSet<>();
        all().stream().filter(t -> t.role() == Role.PRODUCES || t.role() == Role.DEAD_LETTER).forEach(t -> owned.add(t.spec()));
        return List.copyOf(owned);
    }

    /** Names of every topic the service needs to work. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        all().forEach(t -> names.add(t.spec().name()));
        return names;
    }

    /** Which of the service's topics the broker has now. */
    public Set<String> existing() throws Exception {
        return existing(config.adminTimeout());
    }

    /** Which of the service's topics the broker has now, asking it for at most {@code timeout}. */
    public Set<String> existing(Duration timeout) throws Exception {
        Set<String> present = kafka.admin().listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis()))
                .names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Set<String> ours = new LinkedHashSet<>(names());
        ours.retainAll(present);
        return ours;
    }

    void onStart(@Observes StartupEvent start) {
        all(); // fails the start at once on a topic that is not declared
        if (owned().isEmpty()) {
            created = true;
            return;
        }
        creator = Thread.ofVirtual().name("topic-creator").start(this::createUntilDone);
    }

    void onStop(@Observes ShutdownEvent stop) {
        Thread running = creator;
        if (running != null) {
            running.interrupt();
        }
    }

    private void createUntilDone() {
        while (!created && !Thread.currentThread().isInterrupted()) {
            try {
                TopicCreator.Result result = TopicCreator.ensure(kafka.admin(), owned(), config.adminTimeout());
                if (!result.created().isEmpty()) {
                    LOG.infof("Created topics %s with their declared settings", result.created());
                }
                result.mismatches().forEach(mismatch -> LOG.warnf("Topic differs from its declaration: %s", mismatch));
                created = true;
            } catch (RuntimeException e) {
                LOG.warnf("Could not create the topics %s yet (%s); trying again in %s", names(owned()), e.getMessage(),
                        config.topicRetryInterval());
                try {
                    TimeUnit.MILLISECONDS.sleep(config.topicRetryInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static List<String> names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).toList();
    }
}
