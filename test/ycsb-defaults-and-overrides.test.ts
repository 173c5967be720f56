// Absent keys take YCSB CoreWorkload's defaults; later files and then -p overrides win; properties
// replbench does not use come back in `ignored`, with where they were set.
import { describe, expect, it } from 'vitest';
import { loadYcsbWorkload } from '../workloads/ycsb.js';

describe('YCSB defaults and overrides', () => {
  it('fill every absent key with CoreWorkload’s default', () => {
    const w = loadYcsbWorkload([{ name: 'empty', text: 'recordcount=1000\n' }]);
    expect(w.proportions).toEqual({ read: 0.95, update: 0.05, insert: 0, scan: 0, 'read-modify-write': 0 });
    expect(w.requestDistribution).toBe('uniform');
    expect(w.operationCount).toBeNull();
    expect(w.insertStart).toBe(0);
    expect(w.insertCount).toBe(1000);
    expect(w.insertOrder).toBe('hashed');
    expect(w.zeroPadding).toBe(1);
    expect(w.values).toEqual({ fieldCount: 10, fieldLength: 100, minFieldLength: 1, distribution: 'constant' });
    expect(w.readAllFields).toBe(true);
    expect(w.writeAllFields).toBe(false);
    expect(w.scan).toEqual({ minScanLength: 1, maxScanLength: 1000, distribution: 'uniform' });
    expect(w.keyChooser).toMatchObject({ theta: 0.99, hotsetFraction: 0.2, hotOpnFraction: 0.8, exponentialPercentile: 95, exponentialFrac: 0.8571428571 });
    expect(w.threadCount).toBe(1);
    expect(w.target).toBeNull();
    expect(w.maxExecutionTime).toBeNull();
    // YCSB reads an absent or zero recordcount as Integer.MAX_VALUE.
    expect(loadYcsbWorkload([]).recordCount).toBe(2147483647);
  });

  it('let later files win over earlier ones and -p win over all; proportions are normalised', () => {
    const w = loadYcsbWorkload(
      [
        { name: 'base', text: 'recordcount=100\nreadproportion=3\nupdateproportion=1\nrequestdistribution=zipfian\n' },
        { name: 'site', text: 'recordcount=200\noperationcount=1000\ninsertproportion=1\n' },
      ],
      ['recordcount=300', 'target=500'],
    );
    expect(w.recordCount).toBe(300);
    expect(w.target).toBe(500);
    expect(w.operations).toEqual({ read: 0.6, update: 0.2, insert: 0.2, scan: 0, 'read-modify-write': 0 });
    // YCSB sizes the scrambled-zipfian keyspace for inserts: ⌊operationcount · insertproportion · 2⌋.
    expect(w.keyChooser).toMatchObject({ distribution: 'scrambled-zipfian', recordCount: 300, insertCount: 300, expectedNewKeys: 2000 });
  });

  it('list unused properties once, with their source and line, the last setting winning', () => {
    const w = loadYcsbWorkload(
      [
        { name: 'a', text: 'db=site.ycsb.BasicDB\nrecordcount=10\nmeasurementtype=hdrhistogram\n' },
        { name: 'b', text: '# x\ndb=site.ycsb.db.RocksDBClient\n' },
      ],
      ['table=t2'],
    );
    expect(w.ignored).toEqual([
      { key: 'measurementtype', value: 'hdrhistogram', source: 'a', line: 3 },
      { key: 'db', value: 'site.ycsb.db.RocksDBClient', source: 'b', line: 2 },
      { key: 'table', value: 't2', source: '-p', line: 0 },
    ]);
  });
});
