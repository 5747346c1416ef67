package io.pulse.aggregator.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the instance, whatever the number of stores ×
 * partitions: block cache, index and filter blocks and memtables all draw from one shared LRU cache
 * of {@value #MEMORY_CONFIG} bytes (memtables up to half of it), instead of each store instance
 * allocating its own (Kafka Streams' default: 50 MB block cache and 3 × 16 MB memtables per
 * store). The pattern of the Kafka Streams memory-management guide.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

  /** Streams property: the bytes all RocksDB stores of this instance may use off-heap together. */
  public static final String MEMORY_CONFIG = "pulse.rocksdb.memory.bytes";
  private static final long DEFAULT_MEMORY = 128L * 1024 * 1024;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(sharedCache(configs));
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    // Level-0 files are read by every lookup (deduplication's are nearly all misses, answered by the
    // filters): their index and filter blocks stay pinned instead of being looked up in the cache,
    // under its lock, on each read (RocksDB's advice when index and filter blocks are cached).
    table.setPinL0FilterAndIndexBlocksInCache(true);
    options.setWriteBufferManager(writeBuffers);
    options.setTableFormatConfig(table);
  }

  private static synchronized Cache sharedCache(Map<String, Object> configs) {
    if (cache == null) {
      Object configured = configs.get(MEMORY_CONFIG);
      long bytes = configured == null ? DEFAULT_MEMORY : Long.parseLong(configured.toString());
      cache = new LRUCache(bytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(bytes / 2, cache);
    }
    return cache;
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared by every store and live as long as the process.
  }
}
