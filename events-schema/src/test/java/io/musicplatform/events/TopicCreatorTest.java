package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * What TopicCreator decides from Kafka's answers, against a fake Admin: which topics to create,
 * which differences to report, which failures to raise. The same against a real broker is the
 * real-server kit's test.
 */
class TopicCreatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeKafka kafka = new FakeKafka();

    @Test
    void createsEveryMissingTopicInOneRequestWithItsSettings() {
        TopicCreator.Result result = TopicCreator.ensure(kafka.admin(), Topics.all(), TIMEOUT);

        assertThat(result.created()).containsExactly(
                "track-ingested", "track-ingested.dlq", "track-played", "track-played.dlq", "catalog-changes", "catalog-changes.dlq");
        assertThat(result.existing()).isEmpty();
        assertThat(result.mismatches()).isEmpty();
        assertThat(kafka.createRequests).hasSize(1);
        assertThat(kafka.createRequests.getFirst())
                .containsExactlyElementsOf(Topics.all().stream().map(TopicSpec::newTopic).toList());
    }

    @Test
    void topicsThatExistAsDeclaredAreLeftAlone() {
        Topics.all().forEach(kafka::existsAsDeclared);

        TopicCreator.Result result = TopicCreator.ensure(kafka.admin(), Topics.all(), TIMEOUT);

        assertThat(result.created()).isEmpty();
        assertThat(result.existing()).containsExactly(
                "track-ingested", "track-ingested.dlq", "track-played", "track-played.dlq", "catalog-changes", "catalog-changes.dlq");
        assertThat(result.mismatches()).isEmpty();
        assertThat(kafka.createRequests).isEmpty();
    }

    @Test
    void differencesFromTheDeclarationAreReportedNotFixed() {
        kafka.exists("track-ingested", 3, "delete");
        kafka.exists("track-played", 12, "delete");
        kafka.exists("track-played.dlq", 2, "compact,delete");

        TopicCreator.Result result = TopicCreator.ensure(kafka.admin(), Topics.all(), TIMEOUT);

        assertThat(result.created()).containsExactly("track-ingested.dlq", "catalog-changes", "catalog-changes.dlq");
        assertThat(result.existing()).containsExactly("track-ingested", "track-played", "track-played.dlq");
        assertThat(result.mismatches()).containsExactly(
                "track-ingested: cleanup.policy is 'delete', declared 'compact'",
                "track-played: has 12 partitions, declared 6",
                "track-played.dlq: cleanup.policy is 'compact,delete', declared 'delete'; has 2 partitions, declared 1");
        assertThat(result.mismatch("track-played")).contains("track-played: has 12 partitions, declared 6");
        assertThat(result.mismatch("track-ingested.dlq")).isEmpty();
        assertThat(kafka.partitions("track-played")).isEqualTo(12);
    }

    @Test
    void aTopicAnotherReplicaCreatesMeanwhileCountsAsExisting() {
        kafka.createdByAnotherClientMeanwhile.add("track-played");

        TopicCreator.Result result = TopicCreator.ensure(kafka.admin(),
                List.of(Topics.TRACK_PLAYED_SPEC, Topics.TRACK_PLAYED_DEAD_LETTER_SPEC), TIMEOUT);

        assertThat(result.created()).containsExactly("track-played.dlq");
        assertThat(result.existing()).containsExactly("track-played");
        assertThat(result.mismatches()).isEmpty();
    }

    @Test
    void aRefusedLookUpNamesTheTopicsAndWhy() {
        kafka.unauthorized.addAll(List.of("track-played", "track-played.dlq"));

        assertThatThrownBy(() -> TopicCreator.ensure(kafka.admin(), Topics.all(), TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Could not look up topics on Kafka. track-played, track-played.dlq: not authorized")
                .hasMessageContaining("needs Describe and DescribeConfigs on the topics, and Create");
        assertThat(kafka.createRequests).isEmpty();
    }

    @Test
    void aRefusedCreationNamesTheTopicAndWhatWasCreated() {
        kafka.refusedCreations.put("track-played",
                new InvalidReplicationFactorException("Replication factor: 3 larger than available brokers: 1."));

        assertThatThrownBy(() -> TopicCreator.ensure(kafka.admin(),
                List.of(Topics.TRACK_PLAYED_SPEC, Topics.TRACK_PLAYED_DEAD_LETTER_SPEC), TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Could not create topics on Kafka. track-played: InvalidReplicationFactorException: "
                        + "Replication factor: 3 larger than available brokers: 1. Created meanwhile: track-played.dlq.");
    }

    @Test
    void theSameTopicGivenTwiceIsCreatedOnce() {
        TopicCreator.Result result = TopicCreator.ensure(kafka.admin(),
                List.of(Topics.TRACK_PLAYED_SPEC, Topics.TRACK_PLAYED_SPEC), TIMEOUT);

        assertThat(result.created()).containsExactly("track-played");
        assertThat(kafka.createRequests.getFirst()).hasSize(1);
    }

    @Test
    void rejectsContradictoryDeclarationsAndABadTimeout() {
        TopicSpec other = new TopicSpec("track-played", 1, CleanupPolicy.DELETE, null);

        assertThatThrownBy(() -> TopicCreator.ensure(kafka.admin(), List.of(Topics.TRACK_PLAYED_SPEC, other), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("track-played is given twice with different settings");
        assertThatThrownBy(() -> TopicCreator.ensure(kafka.admin(), Topics.all(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> TopicCreator.ensure(" ", Topics.all(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrapServers");
    }

    @Test
    void nothingToEnsureAsksKafkaNothing() {
        TopicCreator.Result result = TopicCreator.ensure(kafka.admin(), List.of(), TIMEOUT);

        assertThat(result).isEqualTo(new TopicCreator.Result(List.of(), List.of(), List.of()));
        assertThat(kafka.calls).isZero();
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutNamingTheTopics() {
        // Nothing listens on port 1; the Admin client keeps trying until the timeout.
        Output output = new Output();

        int status = TopicCreator.run(new String[] {"127.0.0.1:1", "track-played"}, Duration.ofSeconds(2),
                output.out, output.err);

        assertThat(status).isEqualTo(1);
        assertThat(output.out()).isEmpty();
        assertThat(output.err()).startsWith("Could not look up topics on Kafka at 127.0.0.1:1. track-played: "
                + "no answer within 2000 ms; is Kafka running and reachable");
    }

    @Test
    void aMalformedBootstrapAddressFailsAtOnce() {
        assertThatThrownBy(() -> TopicCreator.ensure("no-port-here", List.of(Topics.TRACK_PLAYED_SPEC), TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot create topics track-played on Kafka at no-port-here: ConfigException: ")
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void mainWithoutArgumentsPrintsItsUsage() {
        Output output = new Output();

        assertThat(TopicCreator.run(new String[0], TIMEOUT, output.out, output.err)).isEqualTo(2);
        assertThat(output.err()).startsWith("Usage: TopicCreator <bootstrap-servers> [topic ...]");
        assertThat(TopicCreator.run(new String[] {"--help"}, TIMEOUT, output.out, output.err)).isEqualTo(2);
    }

    @Test
    void mainRefusesATopicThatIsNotDeclared() {
        Output output = new Output();

        assertThat(TopicCreator.run(new String[] {"127.0.0.1:9092", "track-skipped"}, TIMEOUT, output.out, output.err))
                .isEqualTo(2);
        assertThat(output.err()).contains("Topic 'track-skipped' is not declared",
                "declared topics: track-ingested, track-ingested.dlq, track-played, track-played.dlq, catalog-changes, catalog-changes.dlq");
    }

    @Test
    void mainPrintsOneLinePerTopic() {
        TopicCreator.Result result = new TopicCreator.Result(List.of("track-played.dlq"),
                List.of("track-played", "track-ingested"), List.of("track-played: has 12 partitions, declared 6"));

        assertThat(TopicCreator.line(Topics.TRACK_PLAYED_DEAD_LETTER_SPEC, result))
                .isEqualTo("created  track-played.dlq: 1 partition, cleanup.policy=delete, retention.ms=2592000000");
        assertThat(TopicCreator.line(Topics.TRACK_PLAYED_SPEC, result))
                .isEqualTo("mismatch track-played: has 12 partitions, declared 6");
        assertThat(TopicCreator.line(Topics.TRACK_INGESTED_SPEC, result)).isEqualTo("exists   track-ingested");
    }

    /** Captures what main prints. */
    private static final class Output {
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * A cluster of topics held in memory, behind the three Admin calls TopicCreator makes. Kafka's
     * own MockAdminClient is in its test jar, which this build does not have.
     */
    private static final class FakeKafka implements InvocationHandler {

        private record Topic(int partitions, String cleanupPolicy) {
        }

        private static final Node BROKER = new Node(0, "127.0.0.1", 9092);

        private final Map<String, Topic> topics = new LinkedHashMap<>();
        /** Topics that appear between TopicCreator's look-up and its create request. */
        final Set<String> createdByAnotherClientMeanwhile = new HashSet<>();
        final Set<String> unauthorized = new HashSet<>();
        final Map<String, RuntimeException> refusedCreations = new LinkedHashMap<>();
        final List<List<NewTopic>> createRequests = new ArrayList<>();
        int calls;

        Admin admin() {
            return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, this);
        }

        void exists(String name, int partitions, String cleanupPolicy) {
            topics.put(name, new Topic(partitions, cleanupPolicy));
        }

        void existsAsDeclared(TopicSpec spec) {
            exists(spec.name(), spec.partitions(), spec.cleanupPolicy().configValue());
        }

        int partitions(String name) {
            return topics.get(name).partitions();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.isDefault()) {
                // Admin's overloads end in the abstract methods below.
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            calls++;
            return switch (method.getName()) {
                case "describeTopics" -> describeTopics(((TopicCollection.TopicNameCollection) args[0]).topicNames());
                case "createTopics" -> createTopics(castToNewTopics(args[0]));
                case "describeConfigs" -> describeConfigs(castToResources(args[0]));
                default -> throw new UnsupportedOperationException("FakeKafka does not answer " + method.getName());
            };
        }

        private DescribeTopicsResult describeTopics(Collection<String> names) {
            Map<String, KafkaFuture<TopicDescription>> answers = new LinkedHashMap<>();
            for (String name : names) {
                Topic topic = topics.get(name);
                if (unauthorized.contains(name)) {
                    answers.put(name, failed(new TopicAuthorizationException(Set.of(name))));
                } else if (topic == null) {
                    answers.put(name, failed(new UnknownTopicOrPartitionException("Unknown topic " + name)));
                } else {
                    List<TopicPartitionInfo> partitions = new ArrayList<>();
                    for (int p = 0; p < topic.partitions(); p++) {
                        partitions.add(new TopicPartitionInfo(p, BROKER, List.of(BROKER), List.of(BROKER)));
                    }
                    answers.put(name, KafkaFuture.completedFuture(new TopicDescription(name, false, partitions)));
                }
            }
            return new DescribeTopicsResult(null, answers) {
            };
        }

        private CreateTopicsResult createTopics(List<NewTopic> requests) {
            createRequests.add(requests);
            Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> answers = new LinkedHashMap<>();
            for (NewTopic request : requests) {
                String name = request.name();
                if (createdByAnotherClientMeanwhile.contains(name)) {
                    exists(name, request.numPartitions(), request.configs().get("cleanup.policy"));
                }
                if (refusedCreations.containsKey(name)) {
                    answers.put(name, failed(refusedCreations.get(name)));
                } else if (topics.containsKey(name)) {
                    answers.put(name, failed(new TopicExistsException("Topic '" + name + "' already exists.")));
                } else {
                    exists(name, request.numPartitions(), request.configs().get("cleanup.policy"));
                    answers.put(name, KafkaFuture.completedFuture(new CreateTopicsResult.TopicMetadataAndConfig(
                            Uuid.randomUuid(), request.numPartitions(), 1, new Config(List.of()))));
                }
            }
            return new CreateTopicsResult(answers) {
            };
        }

        private DescribeConfigsResult describeConfigs(List<ConfigResource> resources) {
            Map<ConfigResource, KafkaFuture<Config>> answers = new LinkedHashMap<>();
            for (ConfigResource resource : resources) {
                Topic topic = topics.get(resource.name());
                answers.put(resource, KafkaFuture.completedFuture(
                        new Config(List.of(new ConfigEntry("cleanup.policy", topic.cleanupPolicy())))));
            }
            return new DescribeConfigsResult(answers) {
            };
        }

        private static <T> KafkaFuture<T> failed(Throwable error) {
            KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
            future.completeExceptionally(error);
            return future;
        }

        @SuppressWarnings("unchecked")
        private static List<NewTopic> castToNewTopics(Object requests) {
            return List.copyOf((Collection<NewTopic>) requests);
        }

        @SuppressWarnings("unchecked")
        private static List<ConfigResource> castToResources(Object resources) {
            return List.copyOf((Collection<ConfigResource>) resources);
        }
    }
}
