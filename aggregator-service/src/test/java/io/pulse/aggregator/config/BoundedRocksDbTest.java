package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbTest {

  static {
    RocksDB.loadLibrary();
  }

  @Test
  void everyStoreInstanceDrawsOnOneSharedMemtableBudget() {
    BoundedRocksDb setter = new BoundedRocksDb();
    Map<String, Object> configs = Map.of(BoundedRocksDb.MEMORY_CONFIG, "16777216");
    try (Options dedup = withTable(); Options profiles = withTable()) {
      setter.setConfig("event-ids-seen", dedup, configs);
      setter.setConfig("user-profiles", profiles, configs);

      assertThat(dedup.writeBufferManager()).isNotNull().isSameAs(profiles.writeBufferManager());
      assertThat(((BlockBasedTableConfig) dedup.tableFormatConfig()).cacheIndexAndFilterBlocks())
          .as("index and filter blocks count against the budget too").isTrue();
      assertThat(((BlockBasedTableConfig) dedup.tableFormatConfig()).pinL0FilterAndIndexBlocksInCache())
          .as("lookups read level-0 filters without the cache's lock").isTrue();
    }
  }

  private static Options withTable() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    return options;
  }
}
