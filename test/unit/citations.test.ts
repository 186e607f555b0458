// The repository stands alone: every file a comment or document names exists (paths such as `docs/…`, `src/…`,
// `test/…`, `scripts/…`, `bench/…`, bare `*.md` names, relative Markdown links and their #anchors), a cited section
// (`docs/design.md "Who is the host"`) is in that document, and nothing cites the team's notes outside the
// repository (`../shared/DESIGN.md`, `research/*.md`). CHANGELOG.md is history: it names files as they were.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIRS = ['src', 'test', 'scripts', 'bench', 'docs', '.ci'];
// Data, not prose: the Public Suffix List's names (k12.md, a Maryland suffix) are no file names.
const SKIP = [
  'test/lab/worlds',
  'test/unit/fixtures',
  'docs/screenshots',
  'docs/store/screenshots',
  'src/core/network/public-suffix-list.json',
];
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|md|json|jsonc|ya?ml|css|html)$/;
const THIS = 'test/unit/citations.test.ts';
/** Files a guide tells the reader to create (docs/adding-a-provider.md's example). */
const TO_BE_CREATED = new Set(['src/core/providers/example-host.ts']);

function walk(dir: string, out: string[]) {
  for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (SKIP.includes(rel)) continue;
    if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel, out);
    else if (TEXT.test(name) || dir === '.ci') out.push(rel);
  }
}
const files: string[] = [];
for (const d of DIRS) if (existsSync(path.join(ROOT, d))) walk(d, files);
for (const name of readdirSync(ROOT).sort())
  if (TEXT.test(name) && name !== 'CHANGELOG.md' && name !== 'package-lock.json') files.push(name);
const scanned = files.filter((f) => f !== THIS);

const basenames = new Set<string>();
const collect = (dir: string) => {
  for (const name of readdirSync(path.join(ROOT, dir))) {
    if (name === 'node_modules' || name === '.git' || name === 'dist' || name === 'artifacts') continue;
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(path.join(ROOT, rel)).isDirectory()) collect(rel);
    else basenames.add(name);
  }
};
collect('');

const PATH = /(?<![\w./-])((?:src|test|scripts|bench|docs|_locales|icons)\/[\w./*@-]*[\w*])(#[\w-]+)?/g;

// URLs name other people's files (github.com/…/src/…): not ours to check.
const withoutUrls = (s: string) => s.replace(/\b(?:https?|file):\/\/[^\s)>'"`\]]+/g, ' ');

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = (mdFile: string) =>
  new Set(
    [...readFileSync(path.join(ROOT, mdFile), 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      slug(m[1].replace(/[`*]/g, '')),
    ),
  );

/** A path as written: exists; or a glob whose folder exists; or a prefix (followed by a placeholder) of a file. */
function pathExists(p: string, next: string): boolean {
  if (existsSync(path.join(ROOT, p)) || TO_BE_CREATED.has(p)) return true;
  const star = p.indexOf('*');
  if (star >= 0) return existsSync(path.join(ROOT, p.slice(0, star).replace(/\/[^/]*$/, '')));
  if ('$<{-'.includes(next) && next !== '') {
    const dir = path.dirname(p);
    return (
      existsSync(path.join(ROOT, dir)) && readdirSync(path.join(ROOT, dir)).some((f) => f.startsWith(path.basename(p)))
    );
  }
  return false;
}

function problemsIn(file: string): string[] {
  const raw = readFileSync(path.join(ROOT, file), 'utf8');
  const text = withoutUrls(raw);
  const out: string[] = [];
  for (const [re, what] of [
    [/\.\.\/shared\/[\w-]+\.md/g, "the team's shared folder"],
    [/(?<![\w/.-])DESIGN\.md/g, 'DESIGN.md (now docs/design.md)'],
    [/\bresearch\/[\w-]+\.md/g, 'research notes (now docs/sources/)'],
  ] as const)
    for (const m of text.matchAll(re)) out.push(`${file}: cites ${what}: ${m[0]}`);

  for (const m of text.matchAll(PATH)) {
    const next = text[(m.index ?? 0) + m[0].length] ?? '';
    if (!pathExists(m[1], next)) out.push(`${file}: names ${m[1]}, which does not exist`);
    else if (m[2] && m[1].endsWith('.md') && !anchorsOf(m[1]).has(m[2].slice(1)))
      out.push(`${file}: ${m[1]} has no heading for ${m[2]}`);
  }
  for (const m of text.matchAll(/(?<![\w./-])([\w-]+\.md)\b/g))
    if (!basenames.has(m[1])) out.push(`${file}: names ${m[1]}, which is nowhere in the repository`);

  // `docs/design.md "Which certificate"`: the quoted words are in that document.
  for (const m of text.matchAll(/((?:docs)\/[\w/.-]+\.md)[`]? "([^"\n]+)"/g)) {
    const doc = path.join(ROOT, m[1]);
    if (existsSync(doc) && !readFileSync(doc, 'utf8').includes(m[2])) out.push(`${file}: ${m[1]} has no "${m[2]}"`);
  }

  // Relative Markdown links, with their anchors.
  if (file.endsWith('.md'))
    for (const m of raw.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/.test(target)) continue;
      const [p, anchor] = target.split('#');
      const resolved = p ? path.posix.normalize(path.posix.join(path.posix.dirname(file), p)) : file;
      if (!existsSync(path.join(ROOT, resolved))) out.push(`${file}: links ${target}, which does not exist`);
      else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor))
        out.push(`${file}: links ${target}, which has no such heading`);
    }
  return out;
}

describe('citations', () => {
  it('scans the code and the docs', () => {
    assert.ok(scanned.includes('README.md') && scanned.includes('docs/design.md'), scanned.slice(0, 5).join(' '));
    assert.ok(scanned.filter((f) => f.startsWith('src/')).length > 50);
  });

  it('every repository file a comment or document names exists, and nothing cites notes outside it', () => {
    const problems = scanned.flatMap(problemsIn);
    assert.deepEqual(problems, []);
    const cited = scanned.flatMap((f) => [...withoutUrls(readFileSync(path.join(ROOT, f), 'utf8')).matchAll(PATH)]);
    assert.ok(cited.length > 200, `only ${cited.length} paths found: the scan is broken`);
  });

  it('would catch a missing file, a missing section and an outside citation', () => {
    const probe = (s: string) => {
      const out: string[] = [];
      const text = withoutUrls(s);
      if (/(?<![\w/.-])DESIGN\.md/.test(text)) out.push('design');
      for (const m of text.matchAll(/(?<![\w./-])((?:src|docs)\/[\w./*@-]*[\w*])/g))
        if (!pathExists(m[1], '')) out.push(m[1]);
      return out;
    };
    assert.deepEqual(probe('see DESIGN.md and src/core/nowhere.ts'), ['design', 'src/core/nowhere.ts']);
    assert.deepEqual(probe('see docs/design.md, src/core/providers/*.ts, https://x.org/src/y.ts'), []);
    assert.equal(slug('Verdict, first rule that applies'), 'verdict-first-rule-that-applies');
    assert.equal(slug('ARI (RFC 9773)'), 'ari-rfc-9773');
  });
});
