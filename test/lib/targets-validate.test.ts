import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkClauses } from '../../src/lib/campaigns/clauses.ts';
import { GROUP_CODES } from '../../src/lib/campaigns/groups.ts';
import { formatTargetError } from '../../src/lib/campaigns/target-error.ts';
import { regionPrefix } from '../../src/lib/campaigns/target-rules.ts';
import { loadAllTargets, parseTargetFile, type MetricInfo, type TargetError } from '../../src/lib/campaigns/validate-targets.ts';
import enums from '../../data/schemas/enums.json' with { type: 'json' };
import { documentIds, metricDouble } from '../fixtures/targets/metric-double.ts';

const fixtures = new URL('../fixtures/targets/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');
const parse = (name: string) => parseTargetFile(fixture(name), name, metricDouble, documentIds);
const pairs = (errors: readonly TargetError[]) => errors.map((e) => [e.path, e.message]);

const known = [...metricDouble.keys()].sort().join(', ');
const valid = fixture('valid.yaml');

describe('parseTargetFile', () => {
  it('returns the validated file with defaults when there is no error', () => {
    const { targets, errors } = parse('valid.yaml');
    expect(errors).toEqual([]);
    expect(targets?.document).toBe('ningxia-2020');
    expect(targets?.phases).toEqual([]);
    const t = targets?.targets[0];
    expect(t).toMatchObject({ id: 'ningxia-2020-migrant-enrollment', group: null, milestones: [], comparator: { type: 'at_least', value: 0.55 } });
    expect([t?.baseline, t?.deadline]).toEqual(['2019-12-31', '2020-12-31']);
  });

  it('reports a YAML syntax error with its line, and nothing else', () => {
    const { targets, errors } = parse('syntax-error.yaml');
    expect(targets).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'syntax-error.yaml', path: '', line: 6 });
    expect(errors[0]?.message).toMatch(/^yaml syntax error at line 6: /);
  });

  it('reports a repeated key as a syntax error with its line', () => {
    const { errors } = parse('duplicate-key.yaml');
    expect(errors).toEqual([{ file: 'duplicate-key.yaml', path: '', line: 7, message: 'yaml syntax error at line 7: map keys must be unique' }]);
  });

  it('reports schema errors with their path, naming the bad value', () => {
    const { targets, errors } = parse('schema-errors.yaml');
    expect(targets).toBeUndefined();
    expect(pairs(errors)).toEqual([
      ['targets[0].id', "expected a kebab-case id, got 'Ningxia_2020_Migrants'"],
      ['targets[0].clause', 'missing'],
      ['targets[0].id', "'Ningxia_2020_Migrants' should start with 'ningxia-2020-'"],
      ['targets[0].label.en', 'missing'],
      ['targets[0].scope', 'expected string, got number 640000 (quote it: "640000")'],
      ['targets[0].comparator.type', "unknown type 'over'; known: at_least, all, increase, between, tracked"],
      ['targets[0].deadline', "not a calendar date, got '2020-13-01'"],
      ['targets[0].colour', "unknown key 'colour'"],
    ]);
    expect(errors.find((e) => e.path === 'targets[0].deadline')?.line).toBe(10);
  });

  it.each([
    ['unknown-metric.yaml', [['targets[0].metric', `unknown metric 'migrant_rate'; known: ${known}`]]],
    ['unknown-document.yaml', [['document', "unknown document 'ningxia-2021'; known: guangxi-2020, shanghai-2017, ningxia-2020, hebei-2018, shaoxing-2013"]]],
    ['deadline-before-baseline.yaml', [['targets[0].deadline', '2019-12-31 is before the baseline 2020-12-31']]],
    [
      'milestone-outside.yaml',
      [
        ['targets[0].milestones[0].date', '2019-06-30 is before the baseline 2019-12-31'],
        ['targets[0].milestones[1].date', '2021-01-15 is after the deadline 2020-12-31'],
      ],
    ],
    ['rate-out-of-range.yaml', [['targets[0].comparator.value', 'rate 55 is outside 0–1 (write 0.55)']]],
    [
      'negative-count.yaml',
      [
        ['targets[0].comparator.min', 'count -10 is negative'],
        ['targets[1].comparator.value', 'count -100 is negative'],
      ],
    ],
    ['duplicate-ids.yaml', [['targets[1].id', "duplicate target id 'ningxia-2020-migrant-enrollment' (also targets[0])"]]],
    [
      'bad-scope.yaml',
      [
        ['targets[0].scope', "expected a 6-digit region code, got '64000'"],
        ['targets[1].scope', "'130900' is outside the document's region '640000'"],
      ],
    ],
    [
      'bad-group.yaml',
      [
        ['targets[0].group', "metric 'member_rate' has no groups, got 'courier'"],
        ['targets[1].group', `unknown group 'driver'; known: ${GROUP_CODES.join(', ')}`],
      ],
    ],
    ['null-metric.yaml', [['targets[0].metric', "null metric needs comparator tracked, got 'at_least'"]]],
  ])('%s gives the expected errors', (name, expected) => {
    const { targets, errors } = parse(name);
    expect(targets).toBeUndefined();
    expect(pairs(errors)).toEqual(expected);
    for (const e of errors) {
      expect(e.file).toBe(name);
      expect(e.line, e.path).toBeGreaterThan(0);
      expect(e.message.charAt(0), e.message).toBe(e.message.charAt(0).toLowerCase());
    }
  });

  it('collects every error in the file, not only the first', () => {
    const { targets, errors } = parse('many-errors.yaml');
    expect(targets).toBeUndefined();
    expect(pairs(errors)).toEqual([
      ['phases[1].start', '2020-02-01 is not after the end of phases[0] (2020-10-31); list phases in order'],
      ['targets[0].metric', `unknown metric 'migrant_rate'; known: ${known}`],
      ['targets[1].scope', 'expected string, got number 640000 (quote it: "640000")'],
      ['targets[1].comparator.value', 'rate 100 is outside 0–1 (write 1)'],
      ['targets[1].deadline', '2019-12-31 is before the baseline 2020-12-31'],
      ['targets[2].id', "'new-unions' should start with 'ningxia-2020-'"],
      ['targets[2].comparator.type', "all needs a rate metric; 'new_unions' is a count"],
      ['targets[3].clause', 'missing'],
      ['targets[3].id', "duplicate target id 'ningxia-2020-migrant-enrollment' (also targets[0])"],
    ]);
    // sorted by line in the YAML
    const lines = errors.map((e) => e.line ?? Infinity);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('checks ranges, whole counts and phase dates', () => {
    const between = valid.replace('{ type: at_least, value: 0.55 }', '{ type: between, min: 0.6, max: 0.4 }');
    expect(pairs(parseTargetFile(between, 'x.yaml', metricDouble, documentIds).errors)).toEqual([['targets[0].comparator.max', 'max 0.4 is below min 0.6']]);
    const fractional = valid.replace('migrant_enrollment_rate', 'new_members').replace('value: 0.55', 'value: 2.5');
    expect(pairs(parseTargetFile(fractional, 'x.yaml', metricDouble, documentIds).errors)).toEqual([['targets[0].comparator.value', 'count 2.5 is not a whole number']]);
    const phases = valid.replace('targets:', 'phases:\n  - { id: plan, label: { zh: 方案, en: Plan }, start: 2020-03-31, end: 2020-02-01 }\ntargets:');
    expect(pairs(parseTargetFile(phases, 'x.yaml', metricDouble, documentIds).errors)).toEqual([['phases[0].end', '2020-02-01 is before the start 2020-03-31']]);
    const rate = valid.replace('value: 0.55', 'value: -0.1');
    expect(pairs(parseTargetFile(rate, 'x.yaml', metricDouble, documentIds).errors)).toEqual([['targets[0].comparator.value', 'rate -0.1 is outside 0–1']]);
  });

  it('accepts a standing requirement without a deadline, and milestones after the baseline', () => {
    const standing = valid.replace('    deadline: 2020-12-31\n', '    milestones: [{ date: 2030-01-01, label: { zh: 报告, en: Report } }]\n');
    const { targets, errors } = parseTargetFile(standing, 'x.yaml', metricDouble, documentIds);
    expect(errors).toEqual([]);
    expect(targets?.targets[0]?.deadline).toBeNull();
  });

  it('lets a metric map say which metrics take groups', () => {
    const grouped = new Map<string, MetricInfo>([...metricDouble, ['courier_rate', { unit: 'rate', grouped: true }]]);
    const text = valid.replace('metric: migrant_enrollment_rate', 'metric: courier_rate\n    group: courier');
    expect(parseTargetFile(text, 'x.yaml', grouped, documentIds).errors).toEqual([]);
  });

  it('reports an empty file or a list at the top', () => {
    expect(pairs(parseTargetFile('', 'x.yaml', metricDouble, documentIds).errors)).toEqual([['', 'expected mapping, got null']]);
    expect(pairs(parseTargetFile('- 1\n', 'x.yaml', metricDouble, documentIds).errors)).toEqual([['', 'expected mapping, got list']]);
  });
});

describe('loadAllTargets', () => {
  it('returns the targets of every valid file with their document', () => {
    const { files, targets, errors } = loadAllTargets({ 'ningxia-2020.yaml': valid }, metricDouble, documentIds);
    expect(errors).toEqual([]);
    expect(Object.keys(files)).toEqual(['ningxia-2020.yaml']);
    expect(targets.map((t) => [t.id, t.document, t.region, t.file])).toEqual([['ningxia-2020-migrant-enrollment', 'ningxia-2020', '640000', 'ningxia-2020.yaml']]);
  });

  it('finds target ids repeated across files, a document with two files, and a file named after another document', () => {
    const hebei = valid.replaceAll('ningxia-2020', 'hebei-2018').replaceAll('640000', '130000');
    const sneaky = hebei.replace('id: hebei-2018-migrant-enrollment', 'id: ningxia-2020-migrant-enrollment');
    const { files, targets, errors } = loadAllTargets(
      { 'ningxia-2020.yaml': valid, 'data/campaigns/hebei-2018.yaml': hebei, 'hebei-2018-copy.yaml': sneaky, 'broken.yaml': fixture('rate-out-of-range.yaml') },
      metricDouble,
      documentIds,
    );
    expect(errors.map((e) => [e.file, e.path, e.message])).toEqual([
      ['hebei-2018-copy.yaml', 'document', "document 'hebei-2018' already has a target file: data/campaigns/hebei-2018.yaml"],
      ['hebei-2018-copy.yaml', 'document', "'hebei-2018' should be in a file named hebei-2018.yaml, not hebei-2018-copy.yaml"],
      ['hebei-2018-copy.yaml', 'targets[0].id', "'ningxia-2020-migrant-enrollment' should start with 'hebei-2018-'"],
      ['hebei-2018-copy.yaml', 'targets[0].id', "duplicate target id 'ningxia-2020-migrant-enrollment' (also in ningxia-2020.yaml targets[0])"],
      ['broken.yaml', 'document', "document 'ningxia-2020' already has a target file: ningxia-2020.yaml"],
      ['broken.yaml', 'document', "'ningxia-2020' should be in a file named ningxia-2020.yaml, not broken.yaml"],
      ['broken.yaml', 'targets[0].id', "duplicate target id 'ningxia-2020-migrant-enrollment' (also in ningxia-2020.yaml targets[0])"],
      ['broken.yaml', 'targets[0].comparator.value', 'rate 55 is outside 0–1 (write 0.55)'],
    ]);
    expect(Object.keys(files)).toEqual(['ningxia-2020.yaml', 'data/campaigns/hebei-2018.yaml']);
    expect(targets.map((t) => t.id)).toEqual(['ningxia-2020-migrant-enrollment', 'hebei-2018-migrant-enrollment']);
  });
});

describe('helpers', () => {
  it('formats an error on one line with file, line and path', () => {
    expect(formatTargetError({ file: 'ningxia-2020.yaml', line: 12, path: 'targets[0].comparator.value', message: 'rate 55 is outside 0–1 (write 0.55)' })).toBe(
      'ningxia-2020.yaml:12: targets[0].comparator.value: rate 55 is outside 0–1 (write 0.55)',
    );
    expect(formatTargetError({ file: 'x.yaml', path: '', message: 'yaml syntax error at line 3: oops' })).toBe('x.yaml: yaml syntax error at line 3: oops');
  });

  it('knows which codes lie below a region', () => {
    expect([regionPrefix('640000'), regionPrefix('330600'), regionPrefix('330602')]).toEqual(['64', '3306', '330602']);
  });

  it('takes the eight group codes from the input contract', () => {
    expect(GROUP_CODES).toEqual(enums.group.values.map((v) => v.code));
    expect(GROUP_CODES).toEqual(['truck_driver', 'courier', 'care_worker', 'domestic_worker', 'mall_promoter', 'food_delivery', 'real_estate_agent', 'security_guard']);
  });

  it('flags a clause that is not verbatim in the source', () => {
    const { targets } = parse('valid.yaml');
    if (targets === undefined) throw new Error('valid.yaml should parse');
    expect(checkClauses(targets, 'valid.yaml', '力争到2020年底全区农民工入会率达到55%。', 'src.txt')).toEqual([]);
    expect(checkClauses(targets, 'valid.yaml', '力争到2020年底，全区农民工入会率达到55%。', 'src.txt')).toEqual([
      { file: 'valid.yaml', path: 'targets[0].clause.zh', message: "'力争到2020年底全区农民工入会率达到55%' is not verbatim in src.txt" },
    ]);
  });

  it('keeps the validator free of node:* imports so that the browser can use it', () => {
    const dir = new URL('../../src/lib/campaigns/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toMatch(/from ['"]node:/);
    }
  });

  it('has a README entry for every fixture', () => {
    const readme = fixture('README.md');
    for (const f of readdirSync(fixtures).filter((x) => x.endsWith('.yaml'))) expect(readme, f).toContain(`\`${f}\``);
  });
});
