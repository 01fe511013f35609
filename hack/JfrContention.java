import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the lock contention in a JFR recording made with hack/contention.jfc:
 * {@code java hack/JfrContention.java recording.jfr [top]}. Run as a single-file program (no
 * build, no dependency), so it reads a recording of any jar, before or after a change.
 *
 * <p>Each jdk.JavaMonitorEnter (blocked entering a {@code synchronized} monitor),
 * jdk.JavaMonitorWait ({@code Object.wait}) and jdk.ThreadPark (j.u.c. locks, futures, queues)
 * event is charged to a category: one of the classes issue 18 changed, when it is the lock's class
 * or the innermost project frame of the blocked thread's stack, else "other". The lock's class
 * alone would hide a {@code ReentrantLock} or a future behind its JDK class; the innermost
 * project frame says whose code waited.
 *
 * <p>Outside the watched classes, only blocking on a lock counts as contention: every monitor enter
 * and every park on a j.u.c. lock (ReentrantLock, read-write lock, semaphore). Other parks and
 * monitor waits are threads waiting for a result (a future, a queue, a condition) when project
 * code is on the stack, or idle pool threads (JOSDK, fabric8, OkHttp, the JDK HTTP server) when it
 * is not, as are pool threads parked on their work queue's lock while taking the next task; each
 * kind is counted on one line, apart from the contention.
 */
public final class JfrContention {
    static final List<String> WATCHED = List.of("RoleClaimIndex", "AccountObservationCache", "TemporaryCredentialCache");
    static final String PROJECT = "io.ramgrants.";
    static final Set<String> TYPES = Set.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark");

    /** Blocked time and count of one group of events. */
    static final class Tally {
        long count;
        long nanos;
        long maxNanos;
        final Set<String> threads = new HashSet<>();
        final Set<String> groups = new HashSet<>();

        void add(Duration d, RecordedThread thread) {
            count++;
            nanos += d.toNanos();
            maxNanos = Math.max(maxNanos, d.toNanos());
            String name = threadName(thread);
            threads.add(name);
            groups.add(name.replaceAll("[-#]?\\d+$", ""));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java hack/JfrContention.java recording.jfr [top-other-sites]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Map<String, Tally> byCategory = new LinkedHashMap<>();
        for (String watched : WATCHED) {
            for (String type : List.of("jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.JavaMonitorWait")) {
                byCategory.put(watched + "\t" + type, new Tally());
            }
        }
        Map<String, Tally> watchedSites = new TreeMap<>();
        Map<String, Tally> otherSites = new LinkedHashMap<>();
        Map<String, Tally> otherTotals = new TreeMap<>();
        Map<String, Tally> waits = new TreeMap<>();
        Map<String, Tally> idle = new TreeMap<>();
        long samples = 0;
        Map<String, Long> samplesIn = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    Set<String> in = classesOnStack(event);
                    for (String watched : WATCHED) {
                        if (in.contains(watched)) {
                            samplesIn.merge(watched, 1L, Long::sum);
                        }
                    }
                    continue;
                }
                if (!TYPES.contains(type)) {
                    continue;
                }
                first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
                String lock = lockClass(event, type);
                String frame = innermostProjectFrame(event);
                RecordedThread thread = event.getThread();
                String category = category(lock, frame);
                String shortType = type.substring("jdk.".length());
                if (category != null) {
                    byCategory.get(category + "\t" + type).add(event.getDuration(), thread);
                    watchedSites.computeIfAbsent(category + "\t" + shortType + "\t" + lock + "\t" + frame,
                            k -> new Tally()).add(event.getDuration(), thread);
                } else if (frame == null && takingWork(event)) {
                    idle.computeIfAbsent(shortType, k -> new Tally()).add(event.getDuration(), thread);
                } else if (type.equals("jdk.JavaMonitorEnter") || (type.equals("jdk.ThreadPark") && isLock(lock))) {
                    otherTotals.computeIfAbsent(shortType, k -> new Tally()).add(event.getDuration(), thread);
                    otherSites.computeIfAbsent(shortType + "\t" + lock + "\t" + (frame == null ? "-" : frame),
                            k -> new Tally()).add(event.getDuration(), thread);
                } else if (frame != null) {
                    waits.computeIfAbsent(shortType, k -> new Tally()).add(event.getDuration(), thread);
                } else {
                    idle.computeIfAbsent(shortType, k -> new Tally()).add(event.getDuration(), thread);
                }
            }
        }
        System.out.printf(Locale.ROOT, "recording %s: contention events from %s to %s%n%n", args[0], first, last);
        System.out.println("| Category | Event | Count | Blocked ms | Max ms | Threads |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        byCategory.forEach((key, tally) -> {
            String[] k = key.split("\t");
            if (tally.count > 0 || !k[1].equals("jdk.JavaMonitorWait")) {
                row(k[0], k[1].substring(4), tally);
            }
        });
        otherTotals.forEach((type, tally) -> row("other locks", type, tally));
        waits.forEach((type, tally) -> row("not contention: project code waiting for a result (future, queue, condition, Object.wait)", type, tally));
        idle.forEach((type, tally) -> row("not contention: idle threads (no project frame)", type, tally));

        System.out.println();
        System.out.println("Sites of the watched classes (lock class, innermost project frame):");
        System.out.println();
        System.out.println("| Category | Event | Lock class | Innermost project frame | Count | Blocked ms | Max ms | Thread pools |");
        System.out.println("|---|---|---|---|---:|---:|---:|---|");
        watchedSites.forEach((key, tally) -> {
            String[] k = key.split("\t");
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f | %.1f | %s |%n", k[0], k[1], k[2], k[3],
                    tally.count, tally.nanos / 1e6, tally.maxNanos / 1e6, String.join(", ", limited(tally.groups)));
        });

        if (samples > 0) {
            System.out.println();
            System.out.printf("CPU samples (jdk.ExecutionSample): %d in all; with a watched class anywhere on the stack:%n%n",
                    samples);
            System.out.println("| Class | Samples | Share of all |");
            System.out.println("|---|---:|---:|");
            for (String watched : WATCHED) {
                long n = samplesIn.getOrDefault(watched, 0L);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% |%n", watched, n, 100.0 * n / samples);
            }
        }

        System.out.println();
        System.out.printf("Top %d other lock sites (monitor enters and j.u.c. lock parks) by blocked time:%n%n", top);
        System.out.println("| Event | Lock class | Innermost project frame | Count | Blocked ms | Max ms | Thread pools |");
        System.out.println("|---|---|---|---:|---:|---:|---|");
        List<Map.Entry<String, Tally>> others = new ArrayList<>(otherSites.entrySet());
        others.sort(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().nanos).reversed());
        for (Map.Entry<String, Tally> e : others.subList(0, Math.min(top, others.size()))) {
            String[] k = e.getKey().split("\t");
            Tally t = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %s |%n", k[0], k[1], k[2], t.count,
                    t.nanos / 1e6, t.maxNanos / 1e6, String.join(", ", limited(t.groups)));
        }
    }

    private static void row(String category, String type, Tally tally) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %d |%n", category, type, tally.count,
                tally.nanos / 1e6, tally.maxNanos / 1e6, tally.threads.size());
    }

    private static List<String> limited(Set<String> threads) {
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(threads));
        return sorted.size() <= 3 ? sorted : List.of(sorted.get(0), sorted.get(1), sorted.get(2), "…");
    }

    /**
     * An idle pool thread taking its next task: parked on the work queue's own lock (as on an empty
     * queue), which says the pool has more threads than work, not that work waits for a lock.
     */
    private static boolean takingWork(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            if (frame.getMethod() != null && frame.getMethod().getName().equals("getTask")
                    && frame.getMethod().getType().getName().equals("java.util.concurrent.ThreadPoolExecutor")) {
                return true;
            }
        }
        return false;
    }

    /** A j.u.c. lock's synchronizer (ReentrantLock, ReentrantReadWriteLock, Semaphore, StampedLock), not a wait for a result. */
    private static boolean isLock(String parkedClass) {
        return parkedClass.contains("Lock") || parkedClass.endsWith("Semaphore$NonfairSync")
                || parkedClass.endsWith("Semaphore$FairSync");
    }

    private static String lockClass(RecordedEvent event, String type) {
        String field = type.equals("jdk.ThreadPark") ? "parkedClass" : "monitorClass";
        RecordedClass c = event.hasField(field) ? event.getValue(field) : null;
        return c == null ? "-" : c.getName();
    }

    /** Simple names (outer class) of the project classes with a frame on the event's stack. */
    private static Set<String> classesOnStack(RecordedEvent event) {
        Set<String> classes = new HashSet<>();
        if (event.getStackTrace() != null) {
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                if (frame.getMethod() != null && frame.getMethod().getType().getName().startsWith(PROJECT)) {
                    String type = frame.getMethod().getType().getName();
                    String simple = type.substring(type.lastIndexOf('.') + 1);
                    int nested = simple.indexOf('$');
                    classes.add(nested < 0 ? simple : simple.substring(0, nested));
                }
            }
        }
        return classes;
    }

    /** The project frame nearest the top of the stack, as Class.method (simple class name). */
    private static String innermostProjectFrame(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return null;
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            if (frame.getMethod() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (type.startsWith(PROJECT)) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
            }
        }
        return null;
    }

    /** A watched class when it is the lock's class or owns the innermost project frame, else null. */
    private static String category(String lock, String frame) {
        String lockSimple = lock.substring(lock.lastIndexOf('.') + 1);
        for (String watched : WATCHED) {
            if (lock.startsWith(PROJECT) && (lockSimple.equals(watched) || lockSimple.startsWith(watched + "$"))) {
                return watched;
            }
        }
        if (frame != null) {
            String frameClass = frame.substring(0, frame.lastIndexOf('.'));
            for (String watched : WATCHED) {
                if (frameClass.equals(watched) || frameClass.startsWith(watched + "$")) {
                    return watched;
                }
            }
        }
        return null;
    }

    /** Threads count by name; a pool's group is the name without its trailing number. */
    private static String threadName(RecordedThread thread) {
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "?" : name;
    }
}
