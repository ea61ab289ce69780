package dev.kb.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on expensive computations: a computation waits its turn, is refused past the wait, and never deadlocks. */
class ComputeSlotsTest {

    @Test
    void a_computation_waits_for_a_slot_and_runs_when_one_frees() throws Exception {
        ComputeSlots slots = new ComputeSlots(1, Duration.ofMinutes(10));
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> slots.run(() -> {
            taken.countDown();
            await(release);
            return "first";
        }));
        taken.await();
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> slots.run(() -> "second"));
        while (slots.waiting() == 0) {
            Thread.sleep(1);
        }
        assertThat(queued).isNotDone();
        release.countDown();
        assertThat(queued.get(1, TimeUnit.MINUTES)).isEqualTo("second");
        assertThat(holder.get(1, TimeUnit.MINUTES)).isEqualTo("first");
    }

    @Test
    void past_the_wait_a_computation_is_refused_naming_the_bound() throws Exception {
        ComputeSlots slots = new ComputeSlots(1, Duration.ZERO);
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> slots.run(() -> {
            taken.countDown();
            return await(release);
        }));
        taken.await();
        assertThatThrownBy(() -> slots.run(() -> "never")).isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.limit()).isEqualTo(Limit.CONCURRENT_COMPUTATIONS);
            assertThat(e.max()).isEqualTo(1);
            assertThat(e.getMessage()).contains("try again");
        });
        release.countDown();
        holder.get(1, TimeUnit.MINUTES);
        assertThat(slots.run(() -> "free again")).isEqualTo("free again");
    }

    @Test
    void a_computation_inside_another_needs_no_second_slot() {
        ComputeSlots slots = new ComputeSlots(1, Duration.ZERO);
        assertThat(slots.run(() -> slots.run(() -> "nested"))).isEqualTo("nested");
        assertThat(slots.run(() -> "after")).isEqualTo("after");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
