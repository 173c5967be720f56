// Bad YCSB input is rejected with a YcsbError whose problems name the key or the line:
// a negative proportion, all proportions 0, an unknown distribution, θ ≤ 0 or θ = 1, a malformed line.
import { describe, expect, it } from 'vitest';
import { YcsbError, loadYcsbWorkload, type YcsbProblem } from '../workloads/ycsb.js';

function problems(text: string, overrides: string[] = []): YcsbProblem[] {
  try {
    loadYcsbWorkload([{ name: 'bad.properties', text }], overrides);
  } catch (e) {
    expect(e).toBeInstanceOf(YcsbError);
    return (e as YcsbError).problems;
  }
  throw new Error('expected a YcsbError');
}

describe('YCSB bad input', () => {
  it('a proportion below 0 names the key and line', () => {
    const p = problems('recordcount=10\nreadproportion=1\nupdateproportion=-0.1\n');
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toBe('updateproportion');
    expect(p[0]!.message).toMatch(/updateproportion.*≥ 0.*"-0\.1".*bad\.properties line 3/);
  });

  it('all proportions 0 names every proportion key', () => {
    const p = problems('readproportion=0\nupdateproportion=0\n');
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toMatch(/readproportion, updateproportion, insertproportion, scanproportion, readmodifywriteproportion are all 0/);
  });

  it('an unknown distribution name names the key, the value and the choices', () => {
    for (const key of ['requestdistribution', 'scanlengthdistribution', 'fieldlengthdistribution']) {
      const p = problems(`${key}=zipf\n`);
      expect(p).toHaveLength(1);
      expect(p[0]!.path).toBe(key);
      expect(p[0]!.message).toMatch(new RegExp(`${key}: unknown .*"zipf".*expected one of .*line 1`));
    }
  });

  it('θ ≤ 0 or θ = 1 is rejected, from a file or a -p override', () => {
    for (const theta of ['0', '-0.5', '1', '1.0']) {
      const p = problems('', [`zipfianconstant=${theta}`]);
      expect(p).toHaveLength(1);
      expect(p[0]!.path).toBe('zipfianconstant');
      expect(p[0]!.message).toMatch(/zipfianconstant: .*> 0 and ≠ 1.*\(-p\)/);
    }
    expect(problems('zipfianconstant=abc')[0]!.message).toMatch(/zipfianconstant.*"abc".*line 1/);
  });

  it('a malformed properties line names the line', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['a=1\nb=\\u12G4\n', 2, /malformed \\uXXXX/],
      ['a=1\n\n=5\n', 3, /missing key/],
      ['# x\nreadproportion\n', 2, /'readproportion' has no value/],
    ];
    for (const [text, line, what] of cases) {
      const p = problems(text);
      expect(p).toHaveLength(1);
      expect(p[0]!.path).toBe(`bad.properties:${line}`);
      expect(p[0]!.message).toMatch(new RegExp(`bad\\.properties line ${line}: `));
      expect(p[0]!.message).toMatch(what);
    }
  });

  it('reports every problem at once, and a -p without = is a problem too', () => {
    const p = problems('readproportion=-1\nrequestdistribution=nope\nfieldcount=ten\n', ['oops']);
    expect(p.map((x) => x.path)).toEqual(['-p']);
    const q = problems('readproportion=-1\nrequestdistribution=nope\nfieldcount=ten\nworkload=site.ycsb.workloads.TimeSeriesWorkload\n');
    expect(q.map((x) => x.path).sort()).toEqual(['fieldcount', 'readproportion', 'requestdistribution', 'workload']);
  });
});
