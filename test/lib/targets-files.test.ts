import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import documentsJson from '../../data/campaigns/documents.json' with { type: 'json' };
import { checkClauses } from '../../src/lib/campaigns/clauses.ts';
import { formatTargetError } from '../../src/lib/campaigns/target-error.ts';
import { loadAllTargets, type LoadedTarget } from '../../src/lib/campaigns/validate-targets.ts';
import { documentIds, metricDouble } from '../fixtures/targets/metric-double.ts';

const campaigns = new URL('../../data/campaigns/', import.meta.url);
const sources = new URL('../../data/sources/', import.meta.url);
const documents = documentsJson.documents;

const yamlFiles = readdirSync(campaigns).filter((f) => f.endsWith('.yaml')).sort();
const texts = Object.fromEntries(yamlFiles.map((f) => [f, readFileSync(new URL(f, campaigns), 'utf8')]));
const loaded = loadAllTargets(texts, metricDouble, documentIds);
const byId = new Map(loaded.targets.map((t) => [t.id, t]));

function target(id: string): LoadedTarget {
  const found = byId.get(id);
  if (found === undefined) throw new Error(`no target ${id}`);
  return found;
}

function sourceText(documentId: string): { text: string; file: string } {
  const doc = documents.find((d) => d.id === documentId);
  if (doc === undefined) throw new Error(`no document ${documentId}`);
  return { text: readFileSync(new URL(doc.file, sources), 'utf8'), file: doc.file };
}

describe('the five target files', () => {
  it('are one per document of documents.json', () => {
    expect(documentIds).toEqual(documents.map((d) => d.id));
    expect(yamlFiles).toEqual(documents.map((d) => `${d.id}.yaml`).sort());
  });

  it('all validate, with no error', () => {
    expect(loaded.errors.map(formatTargetError)).toEqual([]);
    expect(Object.keys(loaded.files).sort()).toEqual(yamlFiles);
  });

  it('name the jurisdiction of their document, and every target applies to it', () => {
    for (const doc of documents) {
      const file = loaded.files[`${doc.id}.yaml`];
      expect(file?.region, doc.id).toBe(doc.region_code);
      for (const t of file?.targets ?? []) expect(t.scope, t.id).toBe(doc.region_code);
    }
  });

  it('quote every clause verbatim from the document text', () => {
    let checked = 0;
    for (const [name, file] of Object.entries(loaded.files)) {
      const { text, file: sourceFile } = sourceText(file.document);
      expect(checkClauses(file, name, text, sourceFile).map(formatTargetError)).toEqual([]);
      for (const t of file.targets) {
        expect(text.includes(t.clause.zh), `${t.id}: ${t.clause.zh}`).toBe(true);
        expect(t.clause.en.length, t.id).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBe(loaded.targets.length);
  });

  it('give unique ids that start with the document id', () => {
    expect(new Set(loaded.targets.map((t) => t.id)).size).toBe(loaded.targets.length);
    for (const t of loaded.targets) expect(t.id.startsWith(`${t.document}-`), t.id).toBe(true);
  });

  it('leave a requirement unmeasured only as tracked, saying so', () => {
    for (const t of loaded.targets.filter((x) => x.metric === null)) {
      expect(t.comparator.type, t.id).toBe('tracked');
      expect(t.note?.en, t.id).toMatch(/^Not measured by this site/);
      expect(t.note?.zh, t.id).toMatch(/^本站不衡量此项/);
    }
  });

  it('state a number that the clause itself prints', () => {
    for (const t of loaded.targets) {
      const c = t.comparator;
      const unit = t.metric === null ? undefined : metricDouble.get(t.metric)?.unit;
      const numbers = c.type === 'at_least' ? [c.value] : c.type === 'between' ? [c.min, c.max] : [];
      for (const n of numbers) {
        const printed = unit === 'rate' ? `${Math.round(n * 100)}%` : String(n);
        expect(t.clause.zh, `${t.id}: ${printed}`).toContain(printed);
      }
    }
  });

  it('explain in a note every target that is not judged by a plain number', () => {
    for (const t of loaded.targets) {
      if (t.comparator.type === 'tracked' || t.comparator.type === 'increase') expect(t.note, t.id).toBeDefined();
    }
  });
});

describe('Ningxia 2020 (宁工办通（2020）12号)', () => {
  const file = loaded.files['ningxia-2020.yaml'];

  it('has the three phases of 四、实施步骤', () => {
    expect(file?.phases.map((p) => [p.id, p.label.zh, p.start, p.end])).toEqual([
      ['plan', '制定方案阶段', '2020-02-01', '2020-03-31'],
      ['implement', '全面推进实施阶段', '2020-04-01', '2020-10-31'],
      ['review', '总结经验阶段', '2020-11-01', '2020-12-31'],
    ]);
  });

  it('sets a 55% migrant-worker enrollment rate by the end of 2020', () => {
    const t = target('ningxia-2020-migrant-enrollment');
    expect(t.metric).toBe('migrant_enrollment_rate');
    expect(t.comparator).toEqual({ type: 'at_least', value: 0.55 });
    expect([t.baseline, t.deadline]).toEqual(['2019-12-31', '2020-12-31']);
    expect(t.clause.zh).toContain('力争到2020年底全区农民工入会率达到55%');
  });

  it('sets full coverage of enterprises with 50+ by the end of 2020, and only tracks the extension to 25+', () => {
    const t50 = target('ningxia-2020-coverage-50plus');
    expect([t50.metric, t50.comparator.type, t50.deadline]).toEqual(['coverage_50plus', 'all', '2020-12-31']);
    expect(t50.clause.zh).toContain('动态全覆盖');
    const t25 = target('ningxia-2020-coverage-25plus');
    expect([t25.metric, t25.comparator.type]).toEqual(['coverage_25plus', 'tracked']);
    expect(t25.clause.zh).toContain('拓展到 25 人以上企业');
  });

  it('runs the eight-groups drive over all eight groups', () => {
    const t = target('ningxia-2020-eight-groups');
    expect([t.metric, t.group, t.comparator.type]).toEqual(['group_enrollment_rate', null, 'increase']);
    expect(t.clause.zh).toContain('八大群体');
  });

  it('counts the 15/20/15/15 homes, 10–20 service sites (at least 10), 100 bargaining units and 10 innovation projects', () => {
    const expected: [string, string, unknown][] = [
      ['ningxia-2020-model-home-demo', 'reported_model_home_demo', { type: 'at_least', value: 15 }],
      ['ningxia-2020-model-home-cultivation', 'reported_model_home_cultivation', { type: 'at_least', value: 20 }],
      ['ningxia-2020-small-home-demo', 'reported_small_home_demo', { type: 'at_least', value: 15 }],
      ['ningxia-2020-small-home-cultivation', 'reported_small_home_cultivation', { type: 'at_least', value: 15 }],
      ['ningxia-2020-service-stations', 'reported_service_station', { type: 'at_least', value: 10 }],
      ['ningxia-2020-bargaining-demo-units', 'reported_bargaining_demo_unit', { type: 'at_least', value: 100 }],
      ['ningxia-2020-innovation-projects', 'reported_innovation_project', { type: 'at_least', value: 10 }],
    ];
    for (const [id, metric, comparator] of expected) {
      const t = target(id);
      expect([t.metric, t.comparator, t.deadline], id).toEqual([metric, comparator, '2020-12-31']);
    }
  });

  it('keeps the 12351 half-hour answer as an unmeasured requirement', () => {
    const t = target('ningxia-2020-hotline-response');
    expect([t.metric, t.comparator.type]).toEqual([null, 'tracked']);
    expect(t.clause.zh).toContain('实现半小时内有效响应职工诉求');
  });
});

describe('Hebei 2018 (冀工办发〔2018〕43号)', () => {
  const campaign = ['2018-09-30', '2018-11-30'];
  const reports = ['2018-11-15', '2018-11-23'];

  it('requires unions in all non-public and foreign-funded enterprises with 100+ between the end of September and the end of November', () => {
    for (const [id, metric] of [
      ['hebei-2018-coverage-100plus-nonpublic', 'coverage_100plus_nonpublic'],
      ['hebei-2018-coverage-100plus-foreign', 'coverage_100plus_foreign'],
    ] as const) {
      const t = target(id);
      expect([t.metric, t.comparator.type, t.baseline, t.deadline], id).toEqual([metric, 'all', ...campaign]);
      expect(t.milestones.map((m) => m.date), id).toEqual(reports);
      expect(t.clause.zh).toContain('自2018年9月底至11月底');
    }
  });

  it('requires the three knowns (reasons recorded) and the three dones (visited, policy explained, plan made) for every enterprise', () => {
    for (const [id, metric] of [
      ['hebei-2018-reasons-known', 'reason_recorded_rate'],
      ['hebei-2018-visited', 'visited_rate'],
      ['hebei-2018-policy-explained', 'policy_explained_rate'],
      ['hebei-2018-plan-made', 'plan_made_rate'],
    ] as const) {
      const t = target(id);
      expect([t.metric, t.comparator.type, t.baseline, t.deadline], id).toEqual([metric, 'all', ...campaign]);
      expect(t.milestones.map((m) => m.date), id).toEqual(reports);
      expect(t.clause.zh).toContain('三清三到位');
    }
    expect(target('hebei-2018-counts-known').metric).toBeNull();
  });

  it('asks for unionised enterprises to be entered in the real-name database', () => {
    expect(target('hebei-2018-real-name-entry').clause.zh).toContain('实名制管理数据库');
  });
});

describe('Guangxi 2020 (厅发〔2020〕22号)', () => {
  it('aims for a union wherever one should be founded, with the report of 2020-07-30 as a milestone', () => {
    const t = target('guangxi-2020-found-everywhere');
    expect([t.metric, t.comparator.type, t.deadline]).toEqual(['coverage_all', 'all', null]);
    expect(t.milestones.map((m) => m.date)).toEqual(['2020-07-30']);
    expect(t.clause.zh).toContain('应建尽建');
  });

  it('requires own committees at 25+ members and women workers\' committees at 10+ women members', () => {
    const own = target('guangxi-2020-standalone-25plus');
    expect([own.metric, own.comparator.type]).toEqual(['standalone_committee_rate', 'all']);
    expect(own.clause.zh).toContain('会员人数在 25 人以上的，要建立基层工会委员会');
    const women = target('guangxi-2020-women-committee');
    expect([women.metric, women.comparator.type]).toEqual(['women_committee_rate', 'all']);
    expect(women.clause.zh).toContain('女会员 10 人以上');
  });

  it('brings every worker in, whatever the hukou, and covers migrant workers', () => {
    expect([target('guangxi-2020-every-worker').metric, target('guangxi-2020-every-worker').comparator.type]).toEqual(['member_rate', 'all']);
    expect(target('guangxi-2020-every-worker').clause.zh).toContain('不论户籍关系在哪里');
    expect(target('guangxi-2020-migrant-coverage').metric).toBe('migrant_enrollment_rate');
  });

  it('keeps the 100+ campaign and the truck drivers\' enrollment going', () => {
    const campaign = target('guangxi-2020-100plus-campaign');
    expect([campaign.metric, campaign.comparator.type]).toEqual(['coverage_100plus_nonpublic', 'increase']);
    const trucks = target('guangxi-2020-truck-drivers');
    expect([trucks.metric, trucks.group, trucks.comparator.type]).toEqual(['group_enrollment_rate', 'truck_driver', 'tracked']);
    expect(trucks.clause.zh).toContain('货车司机');
  });

  it('names the "eight haves" without measuring them', () => {
    const t = target('guangxi-2020-eight-haves');
    expect([t.metric, t.comparator.type]).toEqual([null, 'tracked']);
    expect(t.clause.zh).toContain('有牌子、有印章、有人员、有经费、有制度、有场地、有活动、有作用');
  });

  it('puts the report date on every target', () => {
    for (const t of loaded.targets.filter((x) => x.document === 'guangxi-2020')) expect(t.milestones.map((m) => m.date), t.id).toEqual(['2020-07-30']);
  });
});

describe('Shanghai 2017 (沪工总基〔2017〕172号)', () => {
  it('follows online enrollment, enrollment outside the enterprise, coverage and the real-name database', () => {
    expect([target('shanghai-2017-online-enrollment').metric, target('shanghai-2017-online-enrollment').comparator.type]).toEqual(['online_join_share', 'increase']);
    expect(target('shanghai-2017-online-enrollment').clause.zh).toContain('网上入会');
    expect([target('shanghai-2017-out-of-enterprise').metric, target('shanghai-2017-out-of-enterprise').comparator.type]).toEqual(['out_of_enterprise_members', 'increase']);
    expect(target('shanghai-2017-out-of-enterprise').clause.zh).toContain('企业外入会');
    expect(target('shanghai-2017-coverage').metric).toBe('coverage_all');
    expect([target('shanghai-2017-real-name-database').metric, target('shanghai-2017-real-name-database').comparator.type]).toEqual([null, 'tracked']);
  });

  it('follows the five special groups it names', () => {
    const groups = loaded.targets.filter((t) => t.document === 'shanghai-2017' && t.metric === 'group_enrollment_rate');
    expect(groups.map((t) => t.group).sort()).toEqual(['care_worker', 'courier', 'domestic_worker', 'food_delivery', 'real_estate_agent']);
    for (const t of groups) expect(t.comparator.type, t.id).toBe('increase');
  });

  it('has no deadline: the document prints none', () => {
    for (const t of loaded.targets.filter((x) => x.document === 'shanghai-2017')) expect(t.deadline, t.id).toBeNull();
  });
});

describe('Shaoxing 2013', () => {
  it('requires a union within a year of opening, own committees at 25+ members and full-time chairs at 200+', () => {
    const expected: [string, string, string][] = [
      ['shaoxing-2013-timely-founding', 'timely_founding_rate_since_2013', '开业（设立）一年内'],
      ['shaoxing-2013-standalone-25plus', 'standalone_committee_rate', '有会员25人以上的，要单独建立基层工会委员会'],
      ['shaoxing-2013-fulltime-chair', 'fulltime_chair_rate', '职工200人以上的企事业单位工会，要设专职工会主席或副主席'],
    ];
    for (const [id, metric, quote] of expected) {
      const t = target(id);
      expect([t.metric, t.comparator.type, t.deadline], id).toEqual([metric, 'all', null]);
      expect(t.clause.zh, id).toContain(quote);
    }
  });

  it('names the township general-union rule and the 2% funds without measuring them', () => {
    const township = target('shaoxing-2013-township-federation');
    expect([township.metric, township.comparator.type]).toEqual([null, 'tracked']);
    expect(township.clause.zh).toContain('企业数在50家以上、二三产从业人员2000人以上');
    const funds = target('shaoxing-2013-union-funds');
    expect([funds.metric, funds.comparator.type]).toEqual([null, 'tracked']);
    expect(funds.clause.zh).toContain('工资总额的2%');
    expect(funds.clause.zh).toContain('工会筹备金');
  });

  it('wants new unions and new members to grow every year', () => {
    for (const [id, metric] of [['shaoxing-2013-new-unions', 'new_unions'], ['shaoxing-2013-new-members', 'new_members']] as const) {
      const t = target(id);
      expect([t.metric, t.comparator.type], id).toEqual([metric, 'increase']);
      expect(t.clause.zh).toContain('每年都有较大幅度的增长');
    }
  });
});
