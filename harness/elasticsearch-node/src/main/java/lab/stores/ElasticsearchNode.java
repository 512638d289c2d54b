package lab.stores;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * One real Elasticsearch node, single-node discovery, HTTP and transport on 127.0.0.1 through Netty.
 * Arguments: home directory, HTTP port, transport port. Data lives under the home directory and survives
 * restarts; SIGTERM closes the node cleanly.
 */
public final class ElasticsearchNode {

    private ElasticsearchNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ElasticsearchNode HOME HTTP_PORT TRANSPORT_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "lab")
                .put("node.name", "lab-es")
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", args[2])
                .put("discovery.type", "single-node")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .build();
        LogConfigurator.configureWithoutConfig(settings);
        Node node = new ClasspathPluginsNode(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "lab-es"),
                List.of(Netty4Plugin.class));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }));
        node.start();
        System.out.println("elasticsearch node started: http://127.0.0.1:" + args[1]);
        closed.await();
    }
}
