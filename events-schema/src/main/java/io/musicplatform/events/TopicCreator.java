package io.musicplatform.events;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the declared topics that are missing, with their declared settings ({@link TopicSpec}),
 * and reports how the existing ones differ from their declaration. A producing service calls it at
 * start; the Kubernetes hook Job and scripts run {@link #main(String[])}.
 *
 * <p>It never changes an existing topic: an operator may have raised its partitions or changed its
 * retention on purpose, so a difference in partitions or cleanup policy is reported, not fixed, and
 * retention is not compared at all. The client needs Describe and DescribeConfigs on the topics, and
 * Create for the missing ones.
 */
public final class TopicCreator {

    /** How long {@link #main(String[])} waits for Kafka; a hook Job that fails is retried by Kubernetes. */
    static final Duration MAIN_TIMEOUT = Duration.ofSeconds(60);

    /** Admin API calls take their timeout as an int of milliseconds. */
    private static final Duration LONGEST_CALL = Duration.ofMillis(Integer.MAX_VALUE);

    private static final String USAGE = """
            Usage: TopicCreator <bootstrap-servers> [topic ...]
              Creates the topics declared in io.musicplatform.events.Topics that are missing (all of
              them when no topic is named) and prints one line per topic: created, exists or mismatch.
              Waits up to %d s for Kafka. Exit status: 0 done (mismatches included), 1 Kafka failed,
              2 wrong arguments.""".formatted(MAIN_TIMEOUT.toSeconds());

    private TopicCreator() {
    }

    /**
     * What {@link #ensure} found and did, each list in the order the topics were given.
     *
     * @param created    topics this call created
     * @param existing   topics that were already there, including any another client created meanwhile
     * @param mismatches one line per existing topic whose partition count or cleanup policy differs from
     *                   its declaration, starting with the topic name, e.g.
     *                   {@code track-played: has 12 partitions, declared 6}; nothing was changed
     */
    public record Result(List<String> created, List<String> existing, List<String> mismatches) {

        public Result {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            mismatches = List.copyOf(mismatches);
        }

        /** The mismatch line of {@code topic}, when its settings differ from its declaration. */
        public Optional<String> mismatch(String topic) {
            // Topic names cannot contain ':' or ' ', so the prefix names exactly one topic.
            return mismatches.stream().filter(line -> line.startsWith(topic + ": ")).findFirst();
        }
    }

    /**
     * Creates the missing topics among {@code topics} in one request and compares the existing ones
     * with their declaration. A topic that another client (e.g. a second replica starting at the same
     * time) creates meanwhile counts as existing; its settings are not compared, since it was created
     * from a declaration a moment ago.
     *
     * @param timeout how long the whole call may wait for Kafka
     * @throws IllegalStateException naming the topics and the reason when Kafka does not answer within
     *                               {@code timeout}, refuses the client, or fails to create a topic
     */
    public static Result ensure(Admin admin, Collection<TopicSpec> topics, Duration timeout) {
        Objects.requireNonNull(admin, "admin");
        return ensure(admin, byName(topics), new Deadline(timeout), "Kafka");
    }

    /** {@link #ensure(Admin, Collection, Duration)} with an Admin client of its own, closed on return. */
    public static Result ensure(String bootstrapServers, Collection<TopicSpec> topics, Duration timeout) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one broker, e.g. 127.0.0.1:9092");
        }
        Map<String, TopicSpec> declared = byName(topics);
        Deadline deadline = new Deadline(timeout);
        String kafka = "Kafka at " + bootstrapServers;
        Admin admin;
        try {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "topic-creator"));
        } catch (KafkaException e) {
            // e.g. no broker address resolves; the cause says which.
            throw new IllegalStateException("Cannot create topics " + String.join(", ", declared.keySet()) + " on "
                    + kafka + ": " + describe(e.getCause() != null ? e.getCause() : e), e);
        }
        try {
            return ensure(admin, declared, deadline, kafka);
        } finally {
            // Every answer ensure needs has arrived or timed out by now; nothing left is worth waiting for.
            admin.close(Duration.ZERO);
        }
    }

    /**
     * {@code TopicCreator <bootstrap-servers> [topic ...]}: ensures the named declared topics, or all of
     * them, prints one line per topic and exits non-zero on failure.
     */
    public static void main(String[] args) {
        int status = run(args, MAIN_TIMEOUT, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #main(String[])} without the exit, so that it can be tested. */
    static int run(String[] args, Duration timeout, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].isBlank() || args[0].startsWith("-")) {
            err.println(USAGE);
            return 2;
        }
        List<TopicSpec> topics;
        try {
            topics = args.length == 1
                    ? Topics.all()
                    : Arrays.stream(args, 1, args.length).distinct().map(Topics::spec).toList();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Result result;
        try {
            result = ensure(args[0], topics, timeout);
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
        for (TopicSpec topic : topics) {
            out.println(line(topic, result));
        }
        return 0;
    }

    /** One line about {@code topic} for people, as {@link #main(String[])} prints it: created (with its settings), exists or mismatch. */
    public static String line(TopicSpec topic, Result result) {
        if (result.created().contains(topic.name())) {
            StringBuilder line = new StringBuilder("created  ").append(topic.name()).append(": ")
                    .append(topic.partitions()).append(topic.partitions() == 1 ? " partition" : " partitions");
            topic.configs().forEach((name, value) -> line.append(", ").append(name).append('=').append(value));
            return line.toString();
        }
        return result.mismatch(topic.name()).map(mismatch -> "mismatch " + mismatch)
                .orElse("exists   " + topic.name());
    }

    private static Result ensure(Admin admin, Map<String, TopicSpec> declared, Deadline deadline, String kafka) {
        if (declared.isEmpty()) {
            return new Result(List.of(), List.of(), List.of());
        }
        Map<String, TopicDescription> found = describe(admin, declared.keySet(), deadline, kafka);
        List<String> created = new ArrayList<>();
        List<String> raced = new ArrayList<>();
        create(admin, declared.values().stream().filter(spec -> !found.containsKey(spec.name())).toList(),
                deadline, kafka, created, raced);
        List<String> mismatches = compare(admin, declared, found, deadline, kafka);
        List<String> existing = declared.keySet().stream()
                .filter(name -> found.containsKey(name) || raced.contains(name))
                .toList();
        return new Result(created, existing, mismatches);
    }

    /** The topics that exist, by name; a missing one is simply absent from the map. */
    private static Map<String, TopicDescription> describe(Admin admin, Set<String> names, Deadline deadline,
            String kafka) {
        Map<String, KafkaFuture<TopicDescription>> answers = admin
                .describeTopics(names, new DescribeTopicsOptions().timeoutMs(deadline.remainingMillis()))
                .topicNameValues();
        Map<String, TopicDescription> found = new LinkedHashMap<>();
        Failures failures = new Failures("look up", deadline);
        for (String name : names) {
            Answer<TopicDescription> answer = await(answers.get(name), deadline);
            if (answer.failure() == null) {
                found.put(name, answer.value());
            } else if (!(answer.failure() instanceof UnknownTopicOrPartitionException)) {
                failures.add(name, answer.failure());
            }
        }
        failures.throwIfAny(kafka, List.of());
        return found;
    }

    private static void create(Admin admin, List<TopicSpec> missing, Deadline deadline, String kafka,
            List<String> created, List<String> raced) {
        if (missing.isEmpty()) {
            return;
        }
        List<NewTopic> requests = missing.stream().map(TopicSpec::newTopic).toList();
        Map<String, KafkaFuture<Void>> answers = admin
                .createTopics(requests, new CreateTopicsOptions().timeoutMs(deadline.remainingMillis()))
                .values();
        Failures failures = new Failures("create", deadline);
        for (TopicSpec spec : missing) {
            Answer<Void> answer = await(answers.get(spec.name()), deadline);
            if (answer.failure() == null) {
                created.add(spec.name());
            } else if (answer.failure() instanceof TopicExistsException) {
                raced.add(spec.name());
            } else {
                failures.add(spec.name(), answer.failure());
            }
        }
        failures.throwIfAny(kafka, created);
    }

    /** One line per topic in {@code found} whose cleanup policy or partition count is not the declared one. */
    private static List<String> compare(Admin admin, Map<String, TopicSpec> declared,
            Map<String, TopicDescription> found, Deadline deadline, String kafka) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, ConfigResource> resources = new LinkedHashMap<>();
        found.keySet().forEach(name -> resources.put(name, new ConfigResource(ConfigResource.Type.TOPIC, name)));
        Map<ConfigResource, KafkaFuture<Config>> answers = admin
                .describeConfigs(resources.values(), new DescribeConfigsOptions().timeoutMs(deadline.remainingMillis()))
                .values();
        List<String> mismatches = new ArrayList<>();
        Failures failures = new Failures("read the settings of", deadline);
        for (Map.Entry<String, TopicDescription> topic : found.entrySet()) {
            String name = topic.getKey();
            Answer<Config> answer = await(answers.get(resources.get(name)), deadline);
            if (answer.failure() != null) {
                failures.add(name, answer.failure());
                continue;
            }
            TopicSpec spec = declared.get(name);
            List<String> differences = new ArrayList<>();
            String policy = cleanupPolicy(answer.value());
            String declaredPolicy = spec.cleanupPolicy().configValue();
            if (!Set.of(declaredPolicy).equals(policies(policy))) {
                differences.add("cleanup.policy is '" + policy + "', declared '" + declaredPolicy + "'");
            }
            int partitions = topic.getValue().partitions().size();
            if (partitions != spec.partitions()) {
                differences.add("has " + partitions + " partitions, declared " + spec.partitions());
            }
            if (!differences.isEmpty()) {
                mismatches.add(name + ": " + String.join("; ", differences));
            }
        }
        failures.throwIfAny(kafka, List.of());
        return mismatches;
    }

    private static String cleanupPolicy(Config config) {
        ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        return entry == null || entry.value() == null ? "" : entry.value();
    }

    /** The broker reports a list such as {@code compact,delete}; the order means nothing. */
    private static Set<String> policies(String value) {
        Set<String> policies = new LinkedHashSet<>();
        for (String policy : value.split(",")) {
            if (!policy.isBlank()) {
                policies.add(policy.strip());
            }
        }
        return policies;
    }

    /** The topics by name; the same topic given twice must be given the same way. */
    private static Map<String, TopicSpec> byName(Collection<TopicSpec> topics) {
        Objects.requireNonNull(topics, "topics");
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        for (TopicSpec topic : topics) {
            Objects.requireNonNull(topic, "topics must not contain null");
            TopicSpec before = byName.putIfAbsent(topic.name(), topic);
            if (before != null && !before.equals(topic)) {
                throw new IllegalArgumentException("Topic " + topic.name() + " is given twice with different settings: "
                        + before + " and " + topic);
            }
        }
        return byName;
    }

    private static <T> Answer<T> await(KafkaFuture<T> future, Deadline deadline) {
        try {
            return new Answer<>(future.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            return new Answer<>(null, e.getCause());
        } catch (TimeoutException e) {
            return new Answer<>(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** One Kafka answer: its value, or why there is none. */
    private record Answer<T>(T value, Throwable failure) {
    }

    /** The time left for the whole {@link #ensure} call, shared by its Admin requests. */
    private static final class Deadline {

        private final Duration timeout;
        private final long start = System.nanoTime();

        Deadline(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
        }

        int remainingMillis() {
            Duration left = timeout.minusNanos(System.nanoTime() - start);
            if (left.isNegative()) {
                return 0;
            }
            return left.compareTo(LONGEST_CALL) > 0 ? Integer.MAX_VALUE : (int) left.toMillis();
        }

        Duration timeout() {
            return timeout;
        }
    }

    /**
     * The topics one step failed for, grouped by reason, so that an unreachable broker makes one
     * line naming every topic rather than one line per topic.
     */
    private static final class Failures {

        private final String step;
        private final Deadline deadline;
        private final Map<String, List<String>> topicsByReason = new LinkedHashMap<>();

        Failures(String step, Deadline deadline) {
            this.step = step;
            this.deadline = deadline;
        }

        void add(String topic, Throwable error) {
            topicsByReason.computeIfAbsent(reason(error), reason -> new ArrayList<>()).add(topic);
        }

        void throwIfAny(String kafka, List<String> created) {
            if (topicsByReason.isEmpty()) {
                return;
            }
            StringBuilder message = new StringBuilder("Could not ").append(step).append(" topics on ").append(kafka)
                    .append('.');
            topicsByReason.forEach((reason, topics) -> message.append(' ').append(String.join(", ", topics))
                    .append(": ").append(reason).append(reason.endsWith("?") || reason.endsWith(".") ? "" : "."));
            if (!created.isEmpty()) {
                message.append(" Created meanwhile: ").append(String.join(", ", created)).append('.');
            }
            throw new IllegalStateException(message.toString());
        }

        private String reason(Throwable error) {
            if (error instanceof TimeoutException
                    || error instanceof org.apache.kafka.common.errors.TimeoutException) {
                return "no answer within " + deadline.timeout().toMillis() + " ms; is Kafka running and reachable "
                        + "from here, and are the bootstrap servers right?";
            }
            if (error instanceof AuthorizationException) {
                // Kafka's message only repeats the topic names; the class says topic or cluster.
                return "not authorized (" + error.getClass().getSimpleName() + "); the client's principal needs "
                        + "Describe and DescribeConfigs on the topics, and Create for the missing ones";
            }
            return describe(error);
        }
    }
}
