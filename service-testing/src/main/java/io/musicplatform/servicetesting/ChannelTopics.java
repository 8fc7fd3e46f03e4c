package io.musicplatform.servicetesting;

import io.musicplatform.events.Topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a service's messaging configuration against the topics declared in {@link Topics}: every
 * channel's topic (the channel's name when it sets none) is declared, an incoming channel's topic is
 * in {@code music.kafka.consumes} or {@code music.kafka.broadcasts} and an outgoing one's in
 * {@code music.kafka.produces} (so topic
 * creation and readiness know about it), those lists name declared topics only, and a channel's own
 * dead-letter topic, if it sets one, is its topic's {@code .dlq}.
 */
public final class ChannelTopics {

    /** Any attribute of a channel: Quarkus supplies the connector itself when only one is present, so a channel may name none. */
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.\"]+|\"[^\"]+\")\\..+");

    private ChannelTopics() {
    }

    /**
     * Every breach of the rules above, in words; empty when the configuration keeps them.
     *
     * @param names every property name the configuration has
     * @param value the value of a property, if set
     */
    public static List<String> violations(Iterable<String> names, Function<String, Optional<String>> value) {
        List<String> problems = new ArrayList<>();
        Set<String> produces = list(value.apply("music.kafka.produces"));
        Set<String> consumes = list(value.apply("music.kafka.consumes"));
        Set<String> broadcasts = list(value.apply("music.kafka.broadcasts"));
        for (String topic : produces) {
            requireDeclared(topic, "music.kafka.produces", problems);
        }
        for (String topic : consumes) {
            requireDeclared(topic, "music.kafka.consumes", problems);
        }
        for (String topic : broadcasts) {
            requireDeclared(topic, "music.kafka.broadcasts", problems);
            if (consumes.contains(topic)) {
                problems.add(topic + " is in both music.kafka.consumes and music.kafka.broadcasts: a topic is read in the"
                        + " service's group or by every replica for itself, not both");
            }
        }
        Set<String> seen = new TreeSet<>();
        for (String name : names) {
            Matcher attribute = CHANNEL.matcher(name);
            if (!attribute.matches() || !seen.add(attribute.group(1) + " " + attribute.group(2))) {
                continue;
            }
            String direction = attribute.group(1);
            String channel = attribute.group(2);
            String prefix = "mp.messaging." + direction + "." + channel + ".";
            String topic = value.apply(prefix + "topic").orElse(channel.replace("\"", ""));
            String where = direction + " channel " + channel;
            if (!requireDeclared(topic, where, problems)) {
                continue;
            }
            if (direction.equals("incoming") && !consumes.contains(topic) && !broadcasts.contains(topic)) {
                problems.add(where + " reads " + topic + ", which neither music.kafka.consumes nor music.kafka.broadcasts lists");
            }
            if (direction.equals("outgoing") && !produces.contains(topic)) {
                problems.add(where + " writes " + topic + ", which music.kafka.produces does not list");
            }
            value.apply(prefix + "dead-letter-queue.topic").ifPresent(deadLetter -> {
                if (!deadLetter.equals(Topics.deadLetter(topic))) {
                    problems.add(where + " sends dead letters to " + deadLetter + " instead of " + Topics.deadLetter(topic));
                }
            });
        }
        return problems;
    }

    /** The same check on a plain map of properties. */
    public static List<String> violations(Map<String, String> properties) {
        return violations(properties.keySet(), name -> Optional.ofNullable(properties.get(name)));
    }

    private static boolean requireDeclared(String topic, String where, List<String> problems) {
        if (Topics.isDeclared(topic)) {
            return true;
        }
        problems.add(where + " names topic " + topic + ", which io.musicplatform.events.Topics does not declare");
        return false;
    }

    private static Set<String> list(Optional<String> value) {
        Set<String> topics = new TreeSet<>();
        value.ifPresent(text -> Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).forEach(topics::add));
        return topics;
    }
}
