package io.ramgrants.bench;

/** One emulated account of the benchmark with its root AccessKey (made up, emulator only). */
record BenchAccount(String name, String accountId, String accessKeyId, String accessKeySecret) {
    static BenchAccount numbered(int index) {
        return new BenchAccount(String.format("acct-%03d", index), String.format("1%015d", index),
                "BENCHAK" + index, "bench-secret-" + index);
    }

    @Override
    public String toString() {
        return name + "(" + accountId + ")";
    }
}
