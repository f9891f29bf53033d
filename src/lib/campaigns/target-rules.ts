/**
 * The checks of a target file that need context or compare fields: known document and metric
 * ids, group codes, comparator values by the metric's unit, date order, id prefixes and
 * duplicates. They read the raw parsed YAML defensively — a field of the wrong type is skipped
 * here, the schema having reported it — so that every problem in a file is found in one pass,
 * not only those in targets that are otherwise valid.
 */
import { GROUP_CODES, metricHasGroups, type MetricInfo } from './groups.ts';
import { isIsoDate } from './target-schema.ts';
import type { IssueMessage } from './describe-issue.ts';
import { show, type PathSegments } from './target-error.ts';

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function date(value: unknown): string | undefined {
  return typeof value === 'string' && isIsoDate(value) ? value : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The prefix a region code's subregions share: 640000 → 64, 330600 → 3306, 330602 → 330602. */
export function regionPrefix(code: string): string {
  return code.replace(/(?:00){1,2}$/, '');
}

/** Is `scope` the region itself or a region below it? */
export function isWithinRegion(scope: string, region: string): boolean {
  return scope.startsWith(regionPrefix(region));
}

/** Problems with a comparator value for a metric of the given unit. */
function checkValue(unit: 'rate' | 'count', value: number): string | undefined {
  if (unit === 'rate') {
    if (value >= 0 && value <= 1) return undefined;
    const hint = value > 1 && value <= 100 ? ` (write ${Number((value / 100).toPrecision(12))})` : '';
    return `rate ${value} is outside 0–1${hint}`;
  }
  if (value < 0) return `count ${value} is negative`;
  if (!Number.isInteger(value)) return `count ${value} is not a whole number`;
  return undefined;
}

/** Context the rules need: the metric registry and the known document ids. */
export interface RuleContext {
  readonly metrics: ReadonlyMap<string, MetricInfo>;
  readonly documents: readonly string[];
}

/** Runs every contextual rule on a raw target file and returns what it finds. */
export function checkTargetRules(raw: unknown, context: RuleContext): IssueMessage[] {
  const issues: IssueMessage[] = [];
  const problem = (path: PathSegments, message: string) => issues.push({ path, message });
  if (!isRecord(raw)) return issues;

  const document = text(raw.document);
  if (document !== undefined && !context.documents.includes(document)) {
    problem(['document'], `unknown document ${show(document)}; known: ${context.documents.join(', ')}`);
  }
  const rawRegion = text(raw.region);
  const region = rawRegion !== undefined && /^\d{6}$/.test(rawRegion) ? rawRegion : undefined;

  if (Array.isArray(raw.phases)) {
    const phaseIds = new Map<string, number>();
    let previousEnd: { end: string; index: number } | undefined;
    raw.phases.forEach((phase, i) => {
      if (!isRecord(phase)) return;
      const id = text(phase.id);
      if (id !== undefined) {
        const first = phaseIds.get(id);
        if (first !== undefined) problem(['phases', i, 'id'], `duplicate phase id ${show(id)} (also phases[${first}])`);
        else phaseIds.set(id, i);
      }
      const start = date(phase.start);
      const end = date(phase.end);
      if (start !== undefined && end !== undefined && end < start) problem(['phases', i, 'end'], `${end} is before the start ${start}`);
      if (start !== undefined && previousEnd !== undefined && start <= previousEnd.end) {
        problem(['phases', i, 'start'], `${start} is not after the end of phases[${previousEnd.index}] (${previousEnd.end}); list phases in order`);
      }
      if (end !== undefined) previousEnd = { end, index: i };
    });
  }

  if (!Array.isArray(raw.targets)) return issues;
  const knownMetrics = [...context.metrics.keys()].sort().join(', ');
  const ids = new Map<string, number>();
  raw.targets.forEach((target, i) => {
    if (!isRecord(target)) return;
    const at = (...rest: (string | number)[]): PathSegments => ['targets', i, ...rest];

    const id = text(target.id);
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined) problem(at('id'), `duplicate target id ${show(id)} (also targets[${first}])`);
      else ids.set(id, i);
      if (document !== undefined && !id.startsWith(`${document}-`)) problem(at('id'), `${show(id)} should start with '${document}-'`);
    }

    const comparator = isRecord(target.comparator) ? target.comparator : undefined;
    const comparatorType = text(comparator?.type);
    const metric = target.metric;
    let info: MetricInfo | undefined;
    if (typeof metric === 'string') {
      info = context.metrics.get(metric);
      if (info === undefined) problem(at('metric'), `unknown metric ${show(metric)}; known: ${knownMetrics}`);
    } else if (metric === null && comparatorType !== undefined && comparatorType !== 'tracked') {
      problem(at('metric'), `null metric needs comparator tracked, got ${show(comparatorType)}`);
    }

    if (Array.isArray(target.alternatives)) {
      target.alternatives.forEach((alternative, j) => {
        if (typeof alternative !== 'string') return;
        const other = context.metrics.get(alternative);
        const path = at('alternatives', j);
        if (other === undefined) problem(path, `unknown metric ${show(alternative)}; known: ${knownMetrics}`);
        else if (alternative === metric) problem(path, `${show(alternative)} is the target's own metric`);
        else if (info !== undefined && (other.unit !== info.unit || other.definition === undefined || other.definition === info.definition)) {
          problem(path, `${show(alternative)} is not another definition of ${show(String(metric))} (same unit, a different definition of the rate)`);
        }
      });
    }

    const group = target.group;
    if (typeof group === 'string') {
      if (typeof metric === 'string' && info !== undefined && !metricHasGroups(metric, info)) {
        problem(at('group'), `metric ${show(metric)} has no groups, got ${show(group)}`);
      } else if (metric === null) {
        problem(at('group'), `a target without a metric has no group, got ${show(group)}`);
      } else if (!GROUP_CODES.includes(group)) {
        problem(at('group'), `unknown group ${show(group)}; known: ${GROUP_CODES.join(', ')}`);
      }
    }

    if (comparator !== undefined && info !== undefined) {
      const unit = info.unit;
      if (comparatorType === 'at_least') {
        const value = finite(comparator.value);
        const bad = value === undefined ? undefined : checkValue(unit, value);
        if (bad !== undefined) problem(at('comparator', 'value'), bad);
      } else if (comparatorType === 'between') {
        const min = finite(comparator.min);
        const max = finite(comparator.max);
        for (const [key, value] of [['min', min], ['max', max]] as const) {
          const bad = value === undefined ? undefined : checkValue(unit, value);
          if (bad !== undefined) problem(at('comparator', key), bad);
        }
        if (min !== undefined && max !== undefined && max < min) problem(at('comparator', 'max'), `max ${max} is below min ${min}`);
      } else if (comparatorType === 'all' && unit === 'count') {
        problem(at('comparator', 'type'), `all needs a rate metric; ${show(metric)} is a count`);
      }
    }

    const scope = text(target.scope);
    if (scope !== undefined && /^\d{6}$/.test(scope) && region !== undefined && !isWithinRegion(scope, region)) {
      problem(at('scope'), `${show(scope)} is outside the document's region ${show(region)}`);
    }

    const baseline = date(target.baseline);
    const deadline = date(target.deadline);
    if (baseline !== undefined && deadline !== undefined && deadline < baseline) {
      problem(at('deadline'), `${deadline} is before the baseline ${baseline}`);
    }
    if (Array.isArray(target.milestones)) {
      let previous: string | undefined;
      target.milestones.forEach((milestone, j) => {
        const when = isRecord(milestone) ? date(milestone.date) : undefined;
        if (when === undefined) return;
        const path = at('milestones', j, 'date');
        if (baseline !== undefined && when < baseline) problem(path, `${when} is before the baseline ${baseline}`);
        else if (deadline !== undefined && when > deadline) problem(path, `${when} is after the deadline ${deadline}`);
        if (previous !== undefined && when < previous) problem(path, `${when} comes before the previous milestone ${previous}; list milestones in order`);
        previous = when;
      });
    }
  });
  return issues;
}
