package io.ramgrants.realkube;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a test run, where Maven prints it, whether the real-server tier ran: its tests
 * abort (and count as skipped) without the binaries, which Surefire's summary alone does not explain.
 */
public final class TierReport implements TestExecutionListener {
    private static final TestTag TAG = TestTag.create(RealApiServer.TAG);
    private final AtomicInteger ran = new AtomicInteger();
    private final AtomicInteger notRun = new AtomicInteger();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!tagged(test)) {
            return;
        }
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            notRun.incrementAndGet(); // a test, or a class whose @BeforeAll found no binaries
        } else if (test.isTest()) {
            ran.incrementAndGet();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (tagged(test)) {
            notRun.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        // Past Surefire's capture of System.err (redirectTestOutputToFile): the fork's own stderr reaches
        // Maven's console.
        java.io.PrintStream console = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err),
                true, java.nio.charset.StandardCharsets.UTF_8);
        if (notRun.get() > 0) {
            console.printf("[WARNING] real-server tier NOT RUN: %d test(s) or class(es) skipped, the kube-apiserver/etcd/kubectl"
                    + " binaries are missing (hack/control-plane/build.sh builds them; docs/testing.md)%n", notRun.get());
        } else if (ran.get() > 0) {
            console.printf("[INFO] real-server tier ran: %d test(s) on a real kube-apiserver%n", ran.get());
        }
    }

    private static boolean tagged(TestIdentifier test) {
        return test.getTags().contains(TAG);
    }
}
