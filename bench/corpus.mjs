// Generates the benchmark corpus: real and hand-written drafts (the shared corpus,
// test/fixtures/drafts/**, examples/ when present) and deterministic variations of each —
// renumbered sections, shuffled clauses, platform swapped, typos planted, CRLF — written to a
// temporary directory. Also builds the large single drafts for the language-server latency runs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = [
  process.env.NORMOKONTROL_CORPUS ?? '/work/shared/corpus',
  path.join(ROOT, 'test', 'fixtures', 'drafts'),
  path.join(ROOT, 'examples'),
];

/** Every draft (`*.md`, not golden `*.fixed.md`) under the source folders. */
export function sourceDrafts() {
  const out = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md') && !name.endsWith('.fixed.md') && name !== 'README.md') out.push({ name: name.replace(/\.md$/, ''), text: fs.readFileSync(p, 'utf8') });
    }
  };
  for (const dir of SOURCES) walk(dir);
  return out;
}

/** A small deterministic PRNG (mulberry32): the same corpus on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERED = /^(\s*(?:[-*+]\s+)?(?:#{1,6}\s+)?(?:\*\*)?)(\d{1,2})((?:\.\d{1,2})*\.?)(?=\s)/;

/** Shifts every section number by `delta` (1.2. → 3.2.): numbering stays consistent. */
function renumber(text, delta) {
  return text.split('\n').map((line) => line.replace(NUMBERED, (_, pre, n, rest) => `${pre}${Number(n) + delta}${rest}`)).join('\n');
}

/** Swaps two adjacent numbered clauses somewhere in the text (a gap/duplicate the rules notice). */
function shuffleClauses(text, random) {
  const lines = text.split('\n');
  const numbered = lines.map((l, i) => (NUMBERED.test(l) && /\d\.\d/.test(l) ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < 3 && numbered.length > 2; k++) {
    const j = Math.floor(random() * (numbered.length - 1));
    const a = numbered[j];
    const b = numbered[j + 1];
    [lines[a], lines[b]] = [lines[b], lines[a]];
  }
  return lines.join('\n');
}

const SWAPS = [
  [/ИКОП «Сферум»/g, 'мессенджер MAX'],
  [/«Сферум»/g, '«MAX»'],
  [/VK Мессенджер/g, 'MAX'],
  [/MAX/g, 'VK Мессенджер'],
];

/** Swaps the platform: Сферум ↔ MAX ↔ VK Мессенджер (as drafts copied from an older act do). */
function swapPlatform(text, k) {
  const [re, to] = SWAPS[k % SWAPS.length];
  return text.replace(re, to);
}

const TYPOS = [
  ['безвозмездной', 'безвоздушной'],
  ['деятельности', 'длительности'],
  ['организует', 'организывает'],
  ['посредством', 'посредствам'],
  ['ответственн', 'ответсвенн'],
  ['в течение', 'в течении'],
  ['педагог', 'педогог'],
  ['MAX', 'МАХ'],
  ['Сферум', 'Сферрум'],
];

/** Plants typical typos (each replaced at a few of its occurrences). */
function plantTypos(text, random) {
  let out = text;
  for (const [right, wrong] of TYPOS) {
    if (random() < 0.5) continue;
    let seen = 0;
    out = out.replace(new RegExp(right, 'g'), (m) => (seen++ % 3 === 0 ? wrong : m));
  }
  return out;
}

/** The variations of one draft: index → text. */
function variant(text, i, random) {
  switch (i % 8) {
    case 0: return text;
    case 1: return renumber(text, 1 + (i % 3));
    case 2: return shuffleClauses(text, random);
    case 3: return swapPlatform(text, i);
    case 4: return plantTypos(text, random);
    case 5: return plantTypos(swapPlatform(shuffleClauses(text, random), i + 1), random);
    case 6: return text.replace(/\r?\n/g, '\r\n');
    default: return renumber(plantTypos(text, random), 1);
  }
}

/**
 * Writes at least `count` drafts into a fresh temporary directory; returns it with the total size.
 */
export function generateCorpus(count = 512) {
  const sources = sourceDrafts();
  if (sources.length === 0) throw new Error('no source drafts found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normokontrol-bench-'));
  const random = rng(20250901);
  const perSource = Math.ceil(count / sources.length);
  let bytes = 0;
  let files = 0;
  for (const s of sources) {
    for (let i = 0; i < perSource; i++) {
      const text = variant(s.text, i, random);
      const sub = path.join(dir, String(i % 10));
      fs.mkdirSync(sub, { recursive: true });
      const file = path.join(sub, `${s.name}-${String(i).padStart(3, '0')}.md`);
      fs.writeFileSync(file, text);
      bytes += Buffer.byteLength(text);
      files++;
    }
  }
  return { dir, files, bytes, sources: sources.length };
}

/**
 * A draft of about `kb` KB (UTF-8): the shared draft `name` (default: the largest), trimmed at a
 * line boundary, or grown by renumbered copies of its body.
 */
export function draftOfSize(kb, name) {
  const sources = sourceDrafts().sort((a, b) => Buffer.byteLength(b.text) - Buffer.byteLength(a.text));
  const base = (sources.find((s) => s.name === name) ?? sources[0]).text;
  const limit = kb * 1024;
  if (Buffer.byteLength(base) <= limit) {
    // Grow: append renumbered copies of the body sections until the size is reached.
    let text = base;
    let delta = 10;
    const body = base.slice(base.search(/^\s*(?:#{1,6}\s+)?(?:\*\*)?1\.\s/m));
    while (Buffer.byteLength(text) < limit) {
      text += '\n\n' + renumber(body, delta);
      delta += 10;
    }
    return trim(text, limit);
  }
  return trim(base, limit);
}

function trim(text, limit) {
  const lines = text.split('\n');
  const out = [];
  let size = 0;
  for (const l of lines) {
    const n = Buffer.byteLength(l) + 1;
    if (size + n > limit) break;
    out.push(l);
    size += n;
  }
  return out.join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = generateCorpus(Number(process.argv[2] ?? 512));
  console.log(JSON.stringify(r));
}
