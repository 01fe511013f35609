package io.ramgrants.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.cli.DemoCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo, in this JVM, end to end: exit code and what the person reading it is told. */
class DemoCommandTest {
    /** The demo's made-up AccessKey secrets are 30 hex digits; none may be printed without --keep-running. */
    private static final Pattern SECRET_LIKE = Pattern.compile("\\b[0-9a-f]{30}\\b");

    @Test
    void everyGrantBecomesReadyAndEveryDriftIsCorrected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new DemoCommand()).execute("--resync", "1", "--timeout", "25");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("exit code; stderr:%n%s%nstdout:%n%s", errors, printed).isZero();
        assertThat(printed)
                .contains("3 drifts injected, 3 corrected")
                .containsPattern("orders-to-reporting +True +\\S+ +acs:ram::2222222222222222:role/ram-for-dts,"
                        + "acs:ram::3333333333333333:role/ram-for-dts +\\S+\n")
                .containsPattern("reporting-dms +True +\\S+ +acs:ram::3333333333333333:role/dms-cross-account +\\S+\n")
                .containsPattern("reporting-console +True +\\S+ +acs:ram::3333333333333333:role/dms-console-access +\\S+\n")
                .containsPattern("NAME +ACCOUNT-ID +READY +REASON +AGE\n")
                .containsPattern("trust policy of ram-for-dts in orders now trusts 9999999999999999 +"
                        + "dtsgrant/orders-to-reporting +TrustPolicyUpdated +\\d+\\.\\d s")
                .containsPattern("AdministratorAccess attached to dms-console-access in reporting +"
                        + "dmsaccess/reporting-console +PolicyDetached +\\d+\\.\\d s")
                .containsPattern("custom policy of dms-cross-account widened by a new default version +"
                        + "dmsrole/reporting-dms +PolicyVersionCreated +\\d+\\.\\d s")
                .containsPattern("UpdateRole +0 +1 +0 +1")
                .containsPattern("DetachPolicyFromRole +0 +0 +1 +1")
                .doesNotContain("ACCESS-KEY-SECRET");
        assertThat(SECRET_LIKE.matcher(printed + errors).find()).as("a secret-like value was printed").isFalse();
    }
}
