package lab.components;

import java.util.List;
import lab.stack.Config;

/**
 * The same service jar in its Kafka-only role (profile 'processor', Mode A): consumes lab.events, writes
 * lab.results and lab.events.dlq. A process of its own, so killing it is a real consumer restart while the
 * decision layer keeps running. It never touches PostgreSQL.
 */
public final class Processor extends QuarkusService {

    private final Kafka kafka;

    public Processor(Config config, Kafka kafka) {
        super(config, "processor");
        this.kafka = kafka;
    }

    @Override
    public int port() {
        return config.port("processor.port");
    }

    @Override
    public List<String> dependencies() {
        return List.of(kafka.name());
    }

    @Override
    protected String healthPath() {
        return "/q/health/ready";
    }

    @Override
    public List<String> command() {
        return java("256m",
                "-Dquarkus.profile=processor",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port(),
                "-Dkafka.bootstrap.servers=" + kafka.endpoint(),
                "-jar", jar().toString());
    }
}
