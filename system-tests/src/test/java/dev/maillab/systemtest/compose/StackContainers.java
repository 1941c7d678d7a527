package dev.maillab.systemtest.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/** The containers of one compose project, looked up by Compose's labels (the same in v1 and v2). */
final class StackContainers {

    private final DockerClient docker = DockerClientFactory.instance().client();
    private final String project;

    StackContainers(String project) {
        this.project = project;
    }

    DockerClient docker() {
        return docker;
    }

    String id(String service) {
        List<Container> found = docker
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(
                        java.util.Map.of("com.docker.compose.project", project, "com.docker.compose.service", service))
                .exec()
                .stream()
                .filter(c -> !"True".equalsIgnoreCase(c.getLabels().getOrDefault("com.docker.compose.oneoff", "False")))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " containers for " + project + "/" + service);
        }
        return found.get(0).getId();
    }

    InspectContainerResponse.ContainerState state(String service) {
        return docker.inspectContainerCmd(id(service)).exec().getState();
    }

    /** Waits until Docker reports the container's healthcheck as healthy; fails if it stops or turns unhealthy. */
    void awaitHealthy(String service, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String status = "?";
        while (System.nanoTime() < deadline) {
            InspectContainerResponse.ContainerState state = state(service);
            if (!Boolean.TRUE.equals(state.getRunning())) {
                throw new IllegalStateException(service + " is not running: " + state);
            }
            status = state.getHealth() == null
                    ? "no healthcheck"
                    : state.getHealth().getStatus();
            if ("healthy".equals(status)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(service + " not healthy within " + limit + " (last: " + status + ")");
    }

    record Exec(long exitCode, String stdout, String stderr) {}

    Exec exec(String service, String... command) throws InterruptedException {
        ExecCreateCmdResponse created = docker.execCreateCmd(id(service))
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withCmd(command)
                .exec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        docker.execStartCmd(created.getId())
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(frame.getPayload());
                    }
                })
                .awaitCompletion(60, TimeUnit.SECONDS);
        Long exit = docker.inspectExecCmd(created.getId()).exec().getExitCodeLong();
        return new Exec(exit == null ? -1 : exit, out.toString(), err.toString());
    }
}
