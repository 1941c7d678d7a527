package dev.maillab.mailserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private static InetAddress ip(String a) throws Exception {
        return InetAddress.getByName(a);
    }

    @Test
    void oneAddressCannotTakeTheSlotsOfTheOthers() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(10, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.admit(ip("127.0.0.7")).lease()).isPresent();
        }
        ConnectionLimits.Admission fourth = limits.admit(ip("127.0.0.7"));
        assertThat(fourth.lease()).isEmpty();
        assertThat(fourth.refusal()).contains(ConnectionLimits.Refusal.PER_ADDRESS);
        assertThat(limits.admit(ip("127.0.0.8")).lease()).isPresent();
        assertThat(limits.open()).isEqualTo(4);
        assertThat(limits.openFrom(ip("127.0.0.7"))).isEqualTo(3);
    }

    @Test
    void theTotalBoundsAllAddressesTogether() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(2, 2);
        assertThat(limits.admit(ip("127.0.0.1")).lease()).isPresent();
        assertThat(limits.admit(ip("127.0.0.2")).lease()).isPresent();
        assertThat(limits.admit(ip("127.0.0.3")).refusal()).contains(ConnectionLimits.Refusal.TOTAL);
        assertThat(limits.open()).isEqualTo(2);
    }

    @Test
    void aLeaseClosedTwiceGivesItsSlotBackOnce() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(5, 1);
        ConnectionLimits.Lease lease = limits.admit(ip("127.0.0.1")).lease().orElseThrow();
        ConnectionLimits.Lease other = limits.admit(ip("127.0.0.2")).lease().orElseThrow();
        lease.close();
        lease.close();
        assertThat(limits.open()).isEqualTo(1);
        assertThat(limits.openFrom(ip("127.0.0.1"))).isZero();
        assertThat(limits.admit(ip("127.0.0.1")).lease()).isPresent();
        other.close();
    }

    @Test
    void countsStayExactUnderConcurrentChurn() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(50, 4);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            InetAddress client = ip("127.0.1." + (t % 3));
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    limits.admit(client).lease().ifPresent(ConnectionLimits.Lease::close);
                }
            }));
        }
        for (var f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(limits.open()).isZero();
        for (int t = 0; t < 3; t++) {
            assertThat(limits.openFrom(ip("127.0.1." + t))).isZero();
        }
    }
}
