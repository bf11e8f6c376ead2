/**
 * mdast + text → {@link DocumentModel}: approval stamps, title, sections, clauses, sub-clauses,
 * items, appendices, conversion debris and suppression directives.
 *
 * Architecture Invariant: building the model never throws and never hides facts. Duplicate
 * numbers, gaps and misplaced sub-clauses are kept exactly as written; rules report them.
 */
import type { Root } from 'mdast';
import { parseMarkdown } from '../syntax/parse';
import { isPrefix, kindForDepth, readClauseNumber } from './clauseNumber';
import { findDates } from './dates';
import { classifyLines, lineIndexAt } from './lines';
import type { ClauseNumber, Debris, Directive, DocumentModel, Line, NodeKind, OffsetRange, RegNode, Stamp, Title } from './types';

/** Stamp keywords (regulations.md §2); longest first. */
const STAMP_RE = /^[«"“*]*\s*(УЧТЕНО\s+МНЕНИЕ|УТВЕРЖДАЮ|УТВЕРЖДЕН[ОАЫ]?|СОГЛАСОВАН[ОАЫ]?|РАССМОТРЕН[ОАЫ]?|ПРИНЯТ[ОАЫ]?|УЧТЕНО)(?![\p{L}])/iu;
/** Document kinds a title starts with. */
const TITLE_RE = /^[«"“*]*\s*(ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|РЕГЛАМЕНТ|ИНСТРУКЦИЯ)(?![\p{L}])/iu;
const APPENDIX_RE = /^(ПРИЛОЖЕНИЕ|Приложение)(?:\s*(?:№|N|No\.?)\s*(\d{1,3}))?(?![\p{L}])/u;
const ITEM_RE = /^(?:[-–—·•⇒*+●▪►➢✓]+|[а-яa-z]\)|\d{1,2}\))\s*(?=\S)/u;
const PAGE_NUMBER_RE = /^(?:(?:стр\.?|страница)\s*\d{1,4}(?:\s*(?:из|\/)\s*\d{1,4})?|\d{1,4}\s*из\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])$/iu;
const BOOKMARK_RE = /\[bookmark:\s*[^\]\n]*\]/giu;
const DIRECTIVE_RE = /<!--\s*normokontrol-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

/** Removes emphasis and unbalanced quotes around a line (`«СОГЛАСОВАНО»` → `СОГЛАСОВАНО`, `«СОПК»` stays). */
function stripDecor(s: string): string {
  let t = s.replace(/\*\*|__/g, '').trim();
  const count = (re: RegExp): number => (t.match(re) ?? []).length;
  while (/^[«“]/.test(t) && count(/[«“]/g) > count(/[»”]/g)) t = t.slice(1).trim();
  while (/[»”]$/.test(t) && count(/[»”]/g) > count(/[«“]/g)) t = t.slice(0, -1).trim();
  if (/^".*"$/.test(t) && count(/"/g) === 2) t = t.slice(1, -1).trim();
  return t;
}

function titleCase(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A short title for a clause: its first sentence, at most 100 characters. */
function shortTitle(text: string): string {
  const clean = titleCase(text.replace(/\*\*|__/g, ''));
  const sentence = /^(.+?[.:;])(\s|$)/u.exec(clean)?.[1] ?? clean;
  if (sentence.length <= 100) return sentence.replace(/[.;]$/, '');
  const cut = sentence.slice(0, 100);
  const sp = cut.lastIndexOf(' ');
  return (sp > 60 ? cut.slice(0, sp) : cut) + '…';
}

/** True when a single-level numbered line reads as a section heading rather than a list entry. */
function looksLikeSectionTitle(line: Line, rest: string): boolean {
  if (line.block === 'heading' || line.bold) return true;
  const t = stripDecor(rest);
  if (t.length === 0 || t.length > 160) return false;
  if (/[;,]$/.test(t)) return false;
  const first = /\p{L}/u.exec(t)?.[0];
  if (!first || first !== first.toUpperCase()) return false;
  // A heading is one phrase, not several sentences.
  return !/[.!?]\s+\p{Lu}/u.test(t);
}

/** True when an unnumbered line reads as a section heading: a Markdown heading or a short line in capitals. */
function looksLikeUnnumberedSection(line: Line): boolean {
  const t = stripDecor(line.content);
  if (t.length < 4 || t.length > 120) return false;
  if (line.block === 'heading') return true;
  const letters = t.replace(/[^\p{L}]/gu, '');
  return letters.length >= 6 && letters === letters.toUpperCase() && /[А-ЯЁ]/.test(letters) && !/[;:]$/.test(t);
}

interface MutableNode extends RegNode {
  children: RegNode[];
  lines: number[];
}

function makeNode(kind: NodeKind, line: Line, title: string, titleRange: OffsetRange, extra: Partial<RegNode> = {}): MutableNode {
  return {
    kind,
    title,
    titleRange,
    range: { start: line.contentStart, end: line.contentEnd },
    headRange: { start: line.contentStart, end: line.contentEnd },
    line: line.index,
    text: '',
    lines: [line.index],
    children: [],
    ...extra,
  } as MutableNode;
}

function detectDebris(lines: Line[]): Debris[] {
  const debris: Debris[] = [];
  const counts = new Map<string, number[]>();
  for (const line of lines) {
    if (line.block === 'blank' || line.block === 'code' || line.block === 'html') continue;
    const c = line.content;
    if (PAGE_NUMBER_RE.test(c)) {
      debris.push({ kind: 'page-number', range: { start: line.contentStart, end: line.contentEnd }, text: c, line: line.index });
      continue;
    }
    for (const m of c.matchAll(BOOKMARK_RE)) {
      const start = line.contentStart + m.index!;
      debris.push({ kind: 'bookmark', range: { start, end: start + m[0].length }, text: m[0], line: line.index });
    }
    if (c.length >= 3 && c.length <= 150 && !readClauseNumber(c, 0)) {
      const key = c.replace(/\s+/g, ' ').toLowerCase();
      const list = counts.get(key) ?? [];
      list.push(line.index);
      counts.set(key, list);
    }
  }
  // Running headers: the same short line several times, near page numbers or three times and more.
  const pageLines = new Set(debris.filter((d) => d.kind === 'page-number').map((d) => d.line));
  const nearPage = (i: number): boolean => [...pageLines].some((p) => Math.abs(p - i) <= 3);
  for (const [, idx] of counts) {
    if (idx.length < 2) continue;
    const sample = lines[idx[0]!]!;
    if (STAMP_RE.test(sample.content) || ITEM_RE.test(sample.content)) continue;
    const near = idx.filter(nearPage).length;
    if (near >= 2 || (idx.length >= 3 && pageLines.size > 0) || (idx.length >= 3 && /^\P{Ll}+$/u.test(sample.content))) {
      for (const i of idx) {
        const l = lines[i]!;
        debris.push({ kind: 'running-header', range: { start: l.contentStart, end: l.contentEnd }, text: l.content, line: i });
      }
    }
  }
  debris.sort((a, b) => a.range.start - b.range.start);
  return debris;
}

function detectDirectives(text: string, starts: readonly number[]): Directive[] {
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE_RE)) {
    const start = m.index!;
    out.push({
      kind: m[1] as Directive['kind'],
      rules: m[2]!.split(/[\s,]+/).filter(Boolean),
      line: lineIndexAt(starts, start),
      range: { start, end: start + m[0].length },
    });
  }
  return out;
}

/** Reads stamp details from the lines of one stamp block. */
function readStamp(kind: string, blockLines: Line[], range: OffsetRange): Stamp {
  let body: string | undefined;
  let number: string | undefined;
  let date: Stamp['date'];
  const first = blockLines[0]!;
  const afterKeyword = stripDecor(first.content.replace(STAMP_RE, ''));
  const candidates: string[] = afterKeyword ? [afterKeyword] : [];
  for (const l of blockLines.slice(1)) candidates.push(stripDecor(l.content));
  for (const l of blockLines) {
    const dates = findDates(l.content, l.contentStart).filter((d) => d.iso);
    if (!date && dates.length > 0) date = dates[0];
    const num = /(?:протокол|приказ|решение)[^№N]{0,20}(?:№|N|No)\s*([\w\-/]*)/iu.exec(l.content);
    if (num && number === undefined) number = num[1] ?? '';
  }
  if (!date) {
    // A date broken across lines: «15» 10 / 2025 г
    const joined = blockLines.map((l) => l.content).join(' ');
    const d = findDates(joined).find((x) => x.iso);
    if (d) {
      // Map back to the first line holding the day; the range covers the block's date lines.
      const startLine = blockLines.find((l) => l.content.includes(d.raw.slice(0, 3))) ?? first;
      date = { iso: d.iso, raw: d.raw, range: { start: startLine.contentStart, end: blockLines[blockLines.length - 1]!.contentEnd } };
    }
  }
  for (const c of candidates) {
    if (!c) continue;
    if (/^(протокол|приказ|от\s|№|[«"]?\s*\d)/iu.test(c)) continue;
    if (/^\p{Lu}\.\s?\p{Lu}\.\s?\p{Lu}/u.test(c) || /^\p{Lu}\p{Ll}+\s+\p{Lu}\.\s?\p{Lu}\.$/u.test(c)) continue; // initials and surname
    body = c.replace(/\s*(протокол|приказ)\b.*$/iu, '').trim() || undefined;
    if (body) break;
  }
  return { kind: kind.toUpperCase().replace(/\s+/g, ' '), body, number, date, range };
}

/** Builds the model of `text`. `tree` may be passed when the caller already parsed the text. */
export function buildModel(text: string, tree?: Root): DocumentModel {
  const root = tree ?? parseMarkdown(text).tree;
  const lines = classifyLines(text, root);
  const starts = lines.map((l) => l.start);
  const debris = detectDebris(lines);
  const debrisLines = new Set(debris.filter((d) => d.kind !== 'bookmark').map((d) => d.line));
  const bookmarks = debris.filter((d) => d.kind === 'bookmark');
  const mutableLines = lines.map((l) => (debrisLines.has(l.index) ? { ...l, debris: true } : l));
  // Bookmarks are removed from the content of the line they are on.
  for (const b of bookmarks) {
    const l = mutableLines[b.line]!;
    if (l.debris) continue;
    let contentStart = l.contentStart;
    if (b.range.start === contentStart) {
      contentStart = b.range.end;
      while (contentStart < l.contentEnd && /\s/.test(text[contentStart]!)) contentStart++;
      mutableLines[b.line] = { ...l, contentStart, content: text.slice(contentStart, l.contentEnd), debris: contentStart >= l.contentEnd };
    }
  }
  const directives = detectDirectives(text, starts);
  const isText = (l: Line): boolean => l.block !== 'blank' && l.block !== 'html' && l.block !== 'code' && !l.debris;

  // --- Header zone: stamps and title before the first clause. ---
  let bodyStartLine = mutableLines.length;
  for (const l of mutableLines) {
    if (!isText(l)) continue;
    const n = readClauseNumber(l.content, l.contentStart);
    if (n && (n.parts.length > 1 || looksLikeSectionTitle(l, l.content.slice(n.range.end - l.contentStart)))) {
      bodyStartLine = l.index;
      break;
    }
    if (l.block === 'heading' && looksLikeUnnumberedSection(l) && !TITLE_RE.test(l.content) && !STAMP_RE.test(l.content)) {
      bodyStartLine = l.index;
      break;
    }
  }

  const stamps: MutableNode[] = [];
  let title: Title | undefined;
  let titleNode: MutableNode | undefined;
  {
    let current: { kind: string; lines: Line[] } | undefined;
    const flush = (): void => {
      if (!current) return;
      const ls = current.lines;
      const range = { start: ls[0]!.contentStart, end: ls[ls.length - 1]!.contentEnd };
      const stamp = readStamp(current.kind, ls, range);
      const kwEnd = ls[0]!.contentStart + (STAMP_RE.exec(ls[0]!.content)?.[0].length ?? 0);
      const node = makeNode('stamp', ls[0]!, stamp.kind, { start: ls[0]!.contentStart, end: kwEnd }, { stamp });
      node.range = range;
      node.lines.splice(0, 1, ...ls.map((l) => l.index));
      node.text = ls.map((l) => l.content).join('\n');
      stamps.push(node);
      current = undefined;
    };
    for (let i = 0; i < bodyStartLine; i++) {
      const l = mutableLines[i]!;
      if (!isText(l)) continue;
      const sm = STAMP_RE.exec(l.content);
      if (sm && !title && l.content.length < 200) {
        flush();
        current = { kind: sm[1]!, lines: [l] };
        continue;
      }
      const tm = TITLE_RE.exec(l.content);
      if (tm && !title) {
        flush();
        const kindStart = l.contentStart + tm[0].length - tm[1]!.length;
        const titleLines: Line[] = [l];
        let restOfFirst = stripDecor(l.content.slice(tm[0].length));
        // Subject continues on following lines until a blank line that is followed by a capitalised paragraph.
        for (let j = i + 1; j < bodyStartLine; j++) {
          const n = mutableLines[j]!;
          if (!isText(n)) {
            if (n.block === 'blank') {
              const next = mutableLines.slice(j + 1, bodyStartLine).find(isText);
              if (!next) break;
              const firstLetter = /\p{L}/u.exec(stripDecor(next.content))?.[0] ?? '';
              const prevBold = titleLines[titleLines.length - 1]!.bold;
              const continues = (firstLetter !== '' && firstLetter === firstLetter.toLowerCase()) || (titleLines.length === 1 && restOfFirst === '');
              if (!continues || (prevBold && !next.bold && titleLines.length > 1)) break;
              j = next.index - 1;
            }
            continue;
          }
          if (STAMP_RE.test(n.content)) break;
          titleLines.push(n);
          if (/\*\*\s*$/.test(text.slice(n.contentStart, n.end)) && n.index > l.index && !/^\*\*/.test(text.slice(n.contentStart - 2, n.contentStart))) {
            // closing emphasis of a multi-line bold title
          }
        }
        restOfFirst = restOfFirst.trim();
        const subject = titleCase([restOfFirst, ...titleLines.slice(1).map((x) => stripDecor(x.content))].filter(Boolean).join(' '));
        const last = titleLines[titleLines.length - 1]!;
        title = {
          kind: tm[1]!.toUpperCase(),
          subject,
          kindRange: { start: kindStart, end: kindStart + tm[1]!.length },
          range: { start: l.contentStart, end: last.contentEnd },
        };
        titleNode = makeNode('title', l, titleCase(`${tm[1]!.toUpperCase()} ${subject}`), { start: l.contentStart, end: last.contentEnd });
        titleNode.range = title.range;
        titleNode.lines.splice(0, 1, ...titleLines.map((x) => x.index));
        titleNode.text = titleLines.map((x) => x.content).join('\n');
        i = last.index;
        continue;
      }
      if (current) current.lines.push(l);
    }
    flush();
  }

  // --- Body: sections, clauses, items, appendices. ---
  const topLevel: RegNode[] = [...stamps];
  if (titleNode) topLevel.push(titleNode);
  topLevel.sort((a, b) => a.range.start - b.range.start);
  const appendices: MutableNode[] = [];
  // Stack of open numbered/structural nodes; items are tracked separately.
  let scopeChildren: RegNode[] = topLevel; // where top-level nodes of the current scope go (body or an appendix)
  let scopeParent: MutableNode | undefined;
  let stack: MutableNode[] = [];
  let lastNode: MutableNode | undefined; // node the next continuation line belongs to
  let lastItem: MutableNode | undefined;
  let blankBefore = false;

  const attach = (node: MutableNode, parent: MutableNode | undefined): void => {
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      if (scopeParent) node.parent = scopeParent;
      scopeChildren.push(node);
    }
  };
  const openNumbered = (line: Line, number: ClauseNumber, kind: NodeKind): MutableNode => {
    const rest = text.slice(number.range.end, line.contentEnd);
    const lead = rest.length - rest.trimStart().length;
    const tStart = number.range.end + lead;
    const titleText = kind === 'section' ? stripDecor(rest).replace(/[.:]$/, '') : shortTitle(rest);
    // Parent: deepest open node whose number is a prefix of this one.
    let parent: MutableNode | undefined;
    let orphan = false;
    if (number.parts.length > 1) {
      parent = [...stack].reverse().find((cand) => cand.number !== undefined && isPrefix(cand.number.parts, number.parts));
      if (!parent) {
        // Keep it where the text puts it: under the deepest open node shallower than itself.
        parent = [...stack].reverse().find((cand) => !cand.number || cand.number.parts.length < number.parts.length);
        orphan = !parent || parent.number !== undefined;
      }
    }
    const node = makeNode(kind, line, titleText, { start: tStart, end: line.contentEnd }, { number, orphan: orphan || undefined });
    attach(node, parent);
    stack = parent ? [...stack.slice(0, stack.indexOf(parent) + 1), node] : [node];
    return node;
  };

  for (let i = bodyStartLine; i < mutableLines.length; i++) {
    const l = mutableLines[i]!;
    if (l.block === 'blank') { blankBefore = true; continue; }
    if (!isText(l)) continue;
    const content = l.content;

    const am = APPENDIX_RE.exec(content);
    if (am && (am[2] !== undefined || content.length < 40 || /^Приложение\s+к\s/iu.test(content))) {
      const number: ClauseNumber | undefined = am[2]
        ? { text: am[2], parts: [Number(am[2])], trailingDot: false, range: { start: l.contentStart + am[0].length - am[2].length, end: l.contentStart + am[0].length } }
        : undefined;
      const node = makeNode('appendix', l, shortTitle(stripDecor(content)), { start: l.contentStart, end: l.contentEnd }, { number });
      topLevel.push(node);
      appendices.push(node);
      scopeParent = node;
      scopeChildren = node.children;
      stack = [];
      lastNode = node;
      lastItem = undefined;
      blankBefore = false;
      continue;
    }

    const number = readClauseNumber(content, l.contentStart);
    if (number) {
      const rest = content.slice(number.range.end - l.contentStart);
      let kind: NodeKind = kindForDepth(number.parts.length);
      const inAppendix = scopeParent !== undefined && l.block !== 'heading' && !l.bold;
      if (kind === 'section' && (inAppendix || !looksLikeSectionTitle(l, rest))) {
        // `1. получать доступ …;` — a numbered list entry of the current clause.
        const parent = lastItem?.parent as MutableNode | undefined ?? stack[stack.length - 1] ?? scopeParent;
        const node = makeNode('item', l, shortTitle(rest), { start: number.range.end, end: l.contentEnd }, { number, marker: number.text + (number.trailingDot ? '.' : '') });
        if (parent && parent !== scopeParent) attach(node, parent);
        else attach(node, undefined);
        lastItem = node;
        lastNode = node;
        blankBefore = false;
        continue;
      }
      kind = kindForDepth(number.parts.length);
      const node = openNumbered(l, number, kind);
      lastNode = node;
      lastItem = undefined;
      blankBefore = false;
      continue;
    }

    const im = ITEM_RE.exec(content) ?? (l.listMarker && /^[-*+]$/.test(l.listMarker) ? /^/.exec(content) : null);
    if (im && (im[0].length > 0 || l.listMarker)) {
      const owner = stack[stack.length - 1] ?? scopeParent;
      let parent: MutableNode | undefined = owner;
      if (lastItem && l.listDepth > 0 && lastItem.parent === owner) {
        const prevLine = mutableLines[lastItem.line]!;
        if (l.listDepth > prevLine.listDepth) parent = lastItem;
      } else if (lastItem && lastItem.parent && lastItem.parent.kind === 'item' && l.listDepth > 0 && l.listDepth >= mutableLines[lastItem.line]!.listDepth) {
        parent = lastItem.parent as MutableNode;
      }
      const marker = im[0].trim() || l.listMarker;
      const node = makeNode('item', l, shortTitle(content.slice(im[0].length)), { start: l.contentStart + im[0].length, end: l.contentEnd }, { marker });
      if (parent && parent !== scopeParent) attach(node, parent);
      else attach(node, undefined);
      lastItem = node;
      lastNode = node;
      blankBefore = false;
      continue;
    }

    if (!scopeParent && looksLikeUnnumberedSection(l) && (l.block === 'heading' || blankBefore || i === bodyStartLine)) {
      const node = makeNode('section', l, stripDecor(content).replace(/[.:]$/, ''), { start: l.contentStart, end: l.contentEnd });
      attach(node, undefined);
      stack = [node];
      lastNode = node;
      lastItem = undefined;
      blankBefore = false;
      continue;
    }

    // Continuation: belongs to the item right above, or after a blank line to its clause.
    let owner = lastNode;
    if (owner && owner.kind === 'item' && blankBefore) owner = (stack[stack.length - 1] ?? scopeParent ?? owner);
    if (owner) owner.lines.push(l.index);
    else if (!scopeParent) {
      // Text after the title and before the first clause: a preamble; kept as a continuation of the title.
      titleNode?.lines.push(l.index);
    }
    blankBefore = false;
  }

  // --- Finish: texts and ranges. ---
  const nodes: RegNode[] = [];
  const finish = (n: RegNode): number => {
    const m = n as MutableNode;
    m.lines.sort((a, b) => a - b);
    m.text = m.lines.map((i) => mutableLines[i]!.content).filter((c, k) => c.length > 0 || k === 0).join('\n');
    let end = m.range.end;
    for (const i of m.lines) end = Math.max(end, mutableLines[i]!.contentEnd);
    nodes.push(n);
    for (const c of m.children) end = Math.max(end, finish(c));
    m.range = { start: Math.min(m.range.start, m.headRange.start), end };
    return end;
  };
  topLevel.sort((a, b) => a.range.start - b.range.start);
  for (const n of topLevel) finish(n);
  nodes.sort((a, b) => a.headRange.start - b.headRange.start);

  const approval = stamps.find((s) => /^УТВЕРЖД/.test(s.stamp!.kind) && s.stamp!.date?.iso) ?? stamps.find((s) => s.stamp!.date?.iso);
  const bodyStart = bodyStartLine < mutableLines.length ? mutableLines[bodyStartLine]!.start : text.length;
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const eol: DocumentModel['eol'] = crlf > lf && crlf >= cr ? '\r\n' : cr > lf ? '\r' : '\n';

  return {
    text,
    bom: text.charCodeAt(0) === 0xfeff,
    eol,
    lines: mutableLines,
    stamps,
    title,
    root: topLevel,
    nodes,
    appendices,
    debris,
    directives,
    approvalDate: approval?.stamp?.date?.iso,
    bodyStart,
    lineAt: (offset: number) => lineIndexAt(starts, offset),
  };
}
