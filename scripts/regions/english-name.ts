import { pinyin } from 'pinyin-pro';

/** Conventional English names of the province-level divisions, by two-digit code. */
const PROVINCES: Readonly<Record<string, string>> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia Autonomous Region',
  '21': 'Liaoning', '22': 'Jilin', '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu', '33': 'Zhejiang',
  '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi', '37': 'Shandong', '41': 'Henan', '42': 'Hubei', '43': 'Hunan',
  '44': 'Guangdong', '45': 'Guangxi Zhuang Autonomous Region', '46': 'Hainan', '50': 'Chongqing', '51': 'Sichuan',
  '52': 'Guizhou', '53': 'Yunnan', '54': 'Tibet Autonomous Region', '61': 'Shaanxi', '62': 'Gansu', '63': 'Qinghai',
  '64': 'Ningxia Hui Autonomous Region', '65': 'Xinjiang Uyghur Autonomous Region',
};

/** Ethnic groups named in autonomous divisions, longest first so that 蒙古族 wins over 蒙古. */
const ETHNIC: ReadonlyArray<readonly [string, string]> = (
  [
    ['各族', 'Multi-ethnic'], ['满族', 'Manchu'], ['蒙古族', 'Mongol'], ['蒙古', 'Mongol'], ['回族', 'Hui'],
    ['壮族', 'Zhuang'], ['瑶族', 'Yao'], ['苗族', 'Miao'], ['侗族', 'Dong'], ['仫佬族', 'Mulao'], ['毛南族', 'Maonan'],
    ['黎族', 'Li'], ['土家族', 'Tujia'], ['彝族', 'Yi'], ['羌族', 'Qiang'], ['藏族', 'Tibetan'], ['布依族', 'Bouyei'],
    ['仡佬族', 'Gelao'], ['水族', 'Shui'], ['傣族', 'Dai'], ['哈尼族', 'Hani'], ['纳西族', 'Naxi'], ['拉祜族', 'Lahu'],
    ['佤族', 'Va'], ['布朗族', 'Blang'], ['白族', 'Bai'], ['普米族', 'Pumi'], ['傈僳族', 'Lisu'], ['独龙族', 'Derung'],
    ['怒族', 'Nu'], ['裕固族', 'Yugur'], ['哈萨克族', 'Kazakh'], ['哈萨克', 'Kazakh'], ['东乡族', 'Dongxiang'],
    ['保安族', 'Bonan'], ['撒拉族', 'Salar'], ['土族', 'Tu'], ['塔吉克', 'Tajik'], ['锡伯', 'Xibe'], ['朝鲜族', 'Korean'],
    ['畲族', 'She'], ['达斡尔族', 'Daur'], ['鄂伦春', 'Oroqen'], ['鄂温克族', 'Ewenki'], ['维吾尔', 'Uyghur'],
    ['景颇族', 'Jingpo'], ['傈僳', 'Lisu'], ['柯尔克孜', 'Kyrgyz'], ['布依', 'Bouyei'],
  ] as Array<readonly [string, string]>
).sort((a, b) => b[0].length - a[0].length);

/** Suffixes of divisions and their English forms, longest first. */
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'], ['自治州', 'Autonomous Prefecture'],
  ['林区', 'Forestry District'], ['特区', 'Special District'], ['新区', 'New Area'], ['地区', 'Prefecture'],
  ['区', 'District'], ['县', 'County'], ['旗', 'Banner'], ['盟', 'League'], ['市', 'City'],
];

/**
 * Hanyu Pinyin of a place name as one capitalized word, without tones, with the apostrophe
 * before a syllable that starts with a, o or e (Xi'an), and ü kept as ü.
 */
export function romanize(text: string): string {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: false, nonZh: 'consecutive' });
  let word = '';
  for (const [i, syllable] of syllables.entries()) {
    if (i > 0 && /^[aoe]/.test(syllable)) word += "'";
    word += syllable;
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The English name of a division from its Chinese name: provinces by convention,
 * prefecture-level cities by their romanized name alone (Shijiazhuang), everything else as
 * romanized name plus the English of its suffix (Yongning County, Weichang Manchu and Mongol
 * Autonomous County).
 */
export function englishName(code: string, nameZh: string, level: 'province' | 'prefecture' | 'county'): string {
  if (level === 'province') return PROVINCES[code.slice(0, 2)] ?? romanize(nameZh);
  if (nameZh.endsWith('直辖县级行政区划')) return 'County-level divisions under direct provincial administration';
  const suffix = SUFFIXES.find(([zh]) => nameZh.endsWith(zh) && nameZh.length > zh.length);
  if (suffix === undefined) return romanize(nameZh);
  let stem = nameZh.slice(0, -suffix[0].length);
  if (level === 'prefecture' && suffix[0] === '市') return romanize(stem);
  const peoples: string[] = [];
  if (suffix[0].startsWith('自治')) {
    for (let found = true; found; ) {
      found = false;
      for (const [zh, en] of ETHNIC) {
        if (stem.endsWith(zh) && stem.length > zh.length) {
          peoples.unshift(en);
          stem = stem.slice(0, -zh.length);
          found = true;
          break;
        }
      }
    }
  }
  const people = peoples.length <= 1 ? peoples.join('') : `${peoples.slice(0, -1).join(', ')} and ${peoples.at(-1)}`;
  return [romanize(stem), people, suffix[1]].filter((part) => part !== '').join(' ');
}
