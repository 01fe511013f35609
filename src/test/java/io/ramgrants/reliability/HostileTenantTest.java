package io.ramgrants.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ramgrants.accounts.AccountGuards;
import io.ramgrants.accounts.AccountReason;
import io.ramgrants.accounts.CredentialEnvironment;
import io.ramgrants.accounts.EndpointAllowList;
import io.ramgrants.accounts.TokenDirectories;
import io.ramgrants.api.AccountCredentials;
import io.ramgrants.api.AlibabaCloudAccount;
import io.ramgrants.api.AlibabaCloudAccountSpec;
import io.ramgrants.api.DmsAccessRole;
import io.ramgrants.api.EndpointOverrides;
import io.ramgrants.api.OidcCredentials;
import io.ramgrants.controller.AlibabaCloudAccountReconciler;
import io.ramgrants.controller.Conditions;
import io.ramgrants.controller.grant.GrantReasons;
import io.ramgrants.emulator.EmulatorConfig;
import io.ramgrants.emulator.RamEmulator;
import io.ramgrants.observability.OperatorMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant who may create AlibabaCloudAccounts tries to make the operator hand out its
 * credentials or read what it should not, each attempt through the whole operator on the
 * mock API server:
 * <ol>
 *   <li>an endpoint on the tenant's own server (signed requests would leak AccessKey IDs,
 *       request content and role ARNs);</li>
 *   <li>an OIDC token file outside the token directory: {@code ..} to the operator's service
 *       account token, and a symbolic link to it;</li>
 *   <li>the default chain (the operator's own RRSA token) sent to the tenant's STS;</li>
 *   <li>a Secret in a namespace the operator does not read Secrets in;</li>
 *   <li>a grant in a namespace the account does not allow.</li>
 * </ol>
 * Each gets a constant reason and a message naming the field; the tenant's server (a listening
 * socket on loopback, named by a host name that is not a loopback literal, proven reachable first) receives no
 * connection; no marked secret shows in logs, events or status.
 */
class HostileTenantTest {
    static final String MARK = "SECRET-DO-NOT-LEAK-" + UUID.randomUUID().toString().substring(0, 8);
    static final String FORBIDDEN_NAMESPACE = "kube-system";

    @TempDir
    Path dir;

    @Test
    void everyAttemptIsRefusedWithAConditionAndNoConnectionToTheTenantsServer() throws Exception {
        Path tokens = Files.createDirectories(dir.resolve("rrsa-tokens"));
        Path serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(tokens.resolve("token"), MARK + "-rrsa-token");
        Files.writeString(serviceAccount.resolve("token"), MARK + "-service-account-token");
        Files.createSymbolicLink(tokens.resolve("link"), serviceAccount.resolve("token"));
        CredentialEnvironment rrsa = new CredentialEnvironment(Map.of(
                CredentialEnvironment.ROLE_ARN, "acs:ram::" + Fleet.accountId(0) + ":role/operator",
                CredentialEnvironment.OIDC_PROVIDER_ARN, "acs:ram::" + Fleet.accountId(0) + ":oidc-provider/ack",
                CredentialEnvironment.OIDC_TOKEN_FILE, tokens.resolve("token").toString()));

        try (OutputCapture output = new OutputCapture();
             Trap trap = Trap.open();
             RamEmulator emulator = RamEmulator.start(Fleet.emulatorAccounts(EmulatorConfig.builder(), MARK)
                     .threads(4).build(), 0);
             MockCluster cluster = new MockCluster()) {
            String foreign = "http://" + trap.host() + ":" + trap.port() + "/";
            assertThat(EndpointAllowList.defaults().allowsHost(trap.host())).as("the trap is no allowed host").isFalse();
            trap.proveReachable();

            cluster.startOperator(MockCluster.settings(OperatorMetrics.discarding(), Duration.ofSeconds(30))
                    .withEnvironment(rrsa)
                    .withAccountGuards(new AccountGuards(EndpointAllowList.defaults(),
                            TokenDirectories.fromEnvironment(rrsa, List.of()), Set.of(Fleet.SECRETS_NAMESPACE))));
            // A well-behaved account the grant attempt (5) can name: it is verified with the
            // emulator's root keys, which earns a Warning event.
            AlibabaCloudAccount allowed = Fleet.account(1, emulator.endpoint());
            allowed.getSpec().allowedNamespaces = List.of("tenant-a");
            cluster.fleetAccount(allowed, 1, MARK);

            Map<String, AlibabaCloudAccount> attempts = new LinkedHashMap<>();
            AlibabaCloudAccount foreignEndpoint = Fleet.account(0, foreign);
            foreignEndpoint.getMetadata().setName("foreign-endpoint");
            attempts.put("foreign-endpoint", foreignEndpoint);
            attempts.put("token-dotdot", oidc("token-dotdot", emulator.endpoint(),
                    tokens.resolve("..").resolve("serviceaccount").resolve("token").toString()));
            attempts.put("token-symlink", oidc("token-symlink", emulator.endpoint(), tokens.resolve("link").toString()));
            AlibabaCloudAccount defaultChain = defaultChain("default-chain", emulator.endpoint(), foreign);
            attempts.put("default-chain", defaultChain);
            AlibabaCloudAccount forbiddenSecret = Fleet.account(2, emulator.endpoint());
            forbiddenSecret.getMetadata().setName("forbidden-secret");
            forbiddenSecret.getSpec().credentials.secretRef.namespace = FORBIDDEN_NAMESPACE;
            cluster.secret(FORBIDDEN_NAMESPACE, Fleet.secretName(2), Map.of("accessKeyId", Fleet.accessKeyId(2),
                    "accessKeySecret", Fleet.accessKeySecret(MARK, 2)));
            attempts.put("forbidden-secret", forbiddenSecret);
            // RAM and STS allowed, ActionTrail (read for drift events) on the tenant's server.
            AlibabaCloudAccount foreignActionTrail = Fleet.account(0, emulator.endpoint());
            foreignActionTrail.getMetadata().setName("foreign-actiontrail");
            foreignActionTrail.getSpec().endpoint.actiontrail = foreign;
            attempts.put("foreign-actiontrail", foreignActionTrail);
            Map<String, AccountReason> expected = Map.of("foreign-endpoint", AccountReason.EndpointNotAllowed,
                    "foreign-actiontrail", AccountReason.EndpointNotAllowed,
                    "token-dotdot", AccountReason.TokenFileNotAllowed, "token-symlink", AccountReason.TokenFileNotAllowed,
                    "default-chain", AccountReason.EndpointNotAllowed,
                    "forbidden-secret", AccountReason.SecretNamespaceNotAllowed);
            Map<String, String> field = Map.of("foreign-endpoint", "spec.endpoint.ram",
                    "foreign-actiontrail", "spec.endpoint.actiontrail",
                    "token-dotdot", "spec.credentials.oidc.tokenFile", "token-symlink", "spec.credentials.oidc.tokenFile",
                    "default-chain", "spec.endpoint.sts", "forbidden-secret", "spec.credentials.secretRef.namespace");

            long start = System.nanoTime();
            attempts.values().forEach(a -> cluster.client.resource(a).create());
            List<String> exposed = new ArrayList<>();
            Map<String, Long> refusedAfterMs = new LinkedHashMap<>();
            for (var attempt : attempts.entrySet()) {
                String name = attempt.getKey();
                cluster.awaitAccount(name, c -> expected.get(name).name().equals(c.getReason()));
                refusedAfterMs.put(name, (System.nanoTime() - start) / 1_000_000);
                Condition ready = cluster.accountReady(name).orElseThrow();
                assertThat(ready.getStatus()).as(name).isEqualTo(Conditions.FALSE);
                assertThat(ready.getMessage()).as(name).contains(field.get(name));
                exposed.add(Serialization.asJson(cluster.account(name).getStatus()));
            }

            DmsAccessRole wrongNamespace = Fleet.dmsAccess("wrong-namespace", "hostile-ns", 1, 0);
            cluster.awaitAccountReady(Fleet.accountName(1));
            Map<String, Long> callsBefore = emulator.callCounts().getOrDefault(Fleet.accountId(1), Map.of());
            cluster.create(wrongNamespace);
            Condition refusedGrant = cluster.awaitReason(wrongNamespace, GrantReasons.ACCOUNT_NOT_ALLOWED);
            refusedAfterMs.put("wrong-namespace", (System.nanoTime() - start) / 1_000_000);
            assertThat(refusedGrant.getMessage()).contains(Fleet.accountName(1)).contains(Fleet.NAMESPACE);
            assertThat(Figures.writesOf(emulator.callCounts().getOrDefault(Fleet.accountId(1), Map.of())))
                    .as("no RAM write for the refused grant").isEqualTo(Figures.writesOf(callsBefore));
            exposed.add(Serialization.asJson(cluster.get(wrongNamespace).getStatus()));

            List<Event> rootWarnings = cluster.events(allowed).stream()
                    .filter(e -> AlibabaCloudAccountReconciler.ROOT_CREDENTIALS_EVENT.equals(e.getReason())).toList();
            assertThat(rootWarnings).as("a Warning for root keys").singleElement()
                    .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"))
                    .satisfies(e -> assertThat(e.getMessage()).contains("RAM user"));
            assertThat(cluster.accountReady(Fleet.accountName(1)).orElseThrow().getMessage()).contains("IdentityType Account");

            assertThat(trap.connections()).as("connections to the tenant's server").isZero();
            assertThat(emulator.callCounts().values().stream().mapToLong(c -> c.getOrDefault("AssumeRoleWithOIDC", 0L))
                    .sum()).as("no token was exchanged anywhere").isZero();
            List<String> secretPaths = forbiddenSecretRequests(cluster);
            assertThat(secretPaths).as("requests for Secrets in " + FORBIDDEN_NAMESPACE).isEmpty();

            exposed.add(Serialization.asJson(cluster.client.v1().events().inAnyNamespace().list()));
            exposed.add(output.text());
            assertThat(String.join("\n", exposed)).as("logs, events and status").doesNotContain(MARK);
            Figures.print("hostile-tenant", "attempts=" + (attempts.size() + 1), "connectionsToTenantServer="
                    + trap.connections(), "tokenExchanges=0", "forbiddenSecretReads=" + secretPaths.size(),
                    "secretsInOutput=0", "refusedAfterMs=" + refusedAfterMs);
        }
    }

    private static List<String> forbiddenSecretRequests(MockCluster cluster) throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (RecordedRequest r = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
             r = cluster.server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            if (MockCluster.OPERATOR_USER_AGENT.equals(r.getHeader("User-Agent"))
                    && r.getPath().contains("/namespaces/" + FORBIDDEN_NAMESPACE + "/secrets")) {
                paths.add(r.getMethod() + " " + r.getPath());
            }
        }
        return paths;
    }

    private static AlibabaCloudAccount oidc(String name, String endpoint, String tokenFile) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = Fleet.accountId(3);
        spec.credentials = new AccountCredentials();
        spec.credentials.oidc = new OidcCredentials();
        spec.credentials.oidc.roleArn = "acs:ram::" + Fleet.accountId(3) + ":role/rrsa";
        spec.credentials.oidc.oidcProviderArn = "acs:ram::" + Fleet.accountId(3) + ":oidc-provider/ack";
        spec.credentials.oidc.tokenFile = tokenFile;
        return named(name, spec, endpoint, endpoint);
    }

    private static AlibabaCloudAccount defaultChain(String name, String ram, String sts) {
        AlibabaCloudAccountSpec spec = new AlibabaCloudAccountSpec();
        spec.accountId = Fleet.accountId(0);
        spec.credentials = new AccountCredentials();
        spec.credentials.defaultChain = true;
        return named(name, spec, ram, sts);
    }

    private static AlibabaCloudAccount named(String name, AlibabaCloudAccountSpec spec, String ram, String sts) {
        spec.endpoint = new EndpointOverrides();
        spec.endpoint.ram = ram;
        spec.endpoint.sts = sts;
        AlibabaCloudAccount account = new AlibabaCloudAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(spec);
        return account;
    }

    /**
     * The tenant's server: a socket on loopback, named by a host name that is not a loopback literal,
     * so the allow-list, not the address, is what keeps it out.
     */
    private static final class Trap implements AutoCloseable {
        private final ServerSocket socket;
        private final String host;
        private final AtomicInteger accepted = new AtomicInteger();
        private volatile int proofs;
        private final Thread acceptor;

        private Trap(ServerSocket socket, String host) {
            this.socket = socket;
            this.host = host;
            this.acceptor = new Thread(this::accept, "tenant-trap");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static Trap open() throws IOException {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new Trap(socket, loopbackHostName());
        }

        /**
         * A host name that resolves to this machine's loopback address but is not a loopback literal
         * (the machine's own name, e.g. from /etc/hosts): the allow-list admits only literals, so the
         * name is "foreign" to it while every byte stays on loopback. Tests never send traffic to
         * another address.
         */
        private static String loopbackHostName() throws IOException {
            for (String candidate : new String[] {InetAddress.getLocalHost().getHostName(), "vm", "runsc"}) {
                try {
                    for (InetAddress address : InetAddress.getAllByName(candidate)) {
                        if (!address.isLoopbackAddress()) {
                            break;
                        }
                        if (!candidate.equalsIgnoreCase("localhost") && !candidate.startsWith("127.")) {
                            return candidate;
                        }
                    }
                } catch (java.net.UnknownHostException ignored) {
                    // try the next candidate
                }
            }
            return InetAddress.getLocalHost().getHostName();
        }

        String host() {
            return host;
        }

        int port() {
            return socket.getLocalPort();
        }

        /** One connection of our own, so that zero later means the operator sent none, not that none could arrive. */
        void proveReachable() throws InterruptedException {
            try (Socket probe = new Socket(host, port())) {
                probe.getOutputStream().write(1);
            } catch (IOException e) {
                org.junit.jupiter.api.Assumptions.abort("the trap is not reachable at " + host + ": " + e);
            }
            for (int i = 0; i < 100 && accepted.get() == 0; i++) {
                Thread.sleep(20);
            }
            // A machine without such a host name cannot host the trap; say so instead of passing vacuously.
            org.junit.jupiter.api.Assumptions.assumeTrue(accepted.get() == 1,
                    "the trap is not reachable at " + host + "; this machine has no host name that resolves to loopback");
            proofs = 1;
        }

        int connections() {
            return accepted.get() - proofs;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    accepted.incrementAndGet();
                    s.setSoTimeout(100);
                    s.getInputStream().read();
                } catch (SocketTimeoutException e) {
                    // counted already
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
