package io.pulse.loadtest.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A point read on the RocksDB binding Kafka Streams uses, as deduplication reads event ids: a key
 * that is there, one that is not, and {@code keyMayExist} for one that is not. Kafka Streams' stores
 * call {@code get}. The 10.1.3 binding Kafka Streams 4.3 brings reported "not found" by throwing and
 * catching a C++ exception inside the native call, which made a miss dearer than a hit; the parent
 * pom pins a newer one, and this shows the difference (docs/benchmark.md). {@code where}: the ids
 * still in the memtable (the current dedup bucket) or flushed to a file with a bloom filter (the
 * previous one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class RocksDbLookupBenchmark {

  private static final int IDS = 200_000;

  @Param({"memtable", "file"})
  String where;

  private Path dir;
  private BloomFilter bloom;
  private Options options;
  private RocksDB db;
  private byte[][] present;
  private byte[][] absent;
  private int next;

  @Setup
  public void open() throws IOException, RocksDBException {
    RocksDB.loadLibrary();
    dir = Files.createTempDirectory("rocksdb-lookup");
    bloom = new BloomFilter();
    options = new Options().setCreateIfMissing(true)
        .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloom));
    db = RocksDB.open(options, dir.toString());
    present = new byte[IDS][];
    absent = new byte[IDS][];
    for (int i = 0; i < IDS; i++) {
      present[i] = ("b7f3a9-" + Integer.toString(i, 36) + "-seen").getBytes(StandardCharsets.UTF_8);
      absent[i] = ("b7f3a9-" + Integer.toString(i, 36) + "-new!").getBytes(StandardCharsets.UTF_8);
      db.put(present[i], new byte[8]);
    }
    if (where.equals("file")) {
      try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        db.flush(flush);
      }
    }
  }

  @TearDown
  public void close() throws IOException {
    db.close();
    options.close();
    bloom.close();
    Utils.delete(dir.toFile());
  }

  private int nextIndex() {
    next = next + 1 == IDS ? 0 : next + 1;
    return next;
  }

  @Benchmark
  public byte[] getPresent() throws RocksDBException {
    return db.get(present[nextIndex()]);
  }

  @Benchmark
  public byte[] getAbsent() throws RocksDBException {
    return db.get(absent[nextIndex()]);
  }

  @Benchmark
  public boolean keyMayExistAbsent() {
    return db.keyMayExist(absent[nextIndex()], null);
  }
}
