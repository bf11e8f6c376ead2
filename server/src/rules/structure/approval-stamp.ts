/**
 * structure/approval-stamp
 *
 * What it checks: the act carries an approval stamp (`УТВЕРЖДАЮ` / `УТВЕРЖДЕНО` / `Утверждено
 * приказом …`) with a date; a stamp whose order number is left blank (`Приказ №`) is reported
 * as information.
 * Why: a local normative act takes effect from its approval by the head of the organisation
 * (ст. 30 Федерального закона № 273-ФЗ); without the stamp and its date neither the act's force
 * nor the date citations are checked against can be established.
 * Options: none.
 * Fix: when there is no stamp at all, a quick fix (not applied by «исправить всё») inserts an
 * «УТВЕРЖДАЮ» block at the top, dated with the check date for the author to correct; the date and
 * the order number are facts only the organisation knows.
 */
import { findDates } from '../../model/dates';
import { insertStampFix } from '../../service/insertSection';
import { defineRule } from '../types';
import { documentAnchor } from './required-sections';

/**
 * «Введено в действие приказом … от 01.09.2025» in the header: an approval written as a sentence;
 * «Приложение № 1 к приказу … от 01.09.2025 № 233»: the act approved as an annex of the order.
 */
const ENACTED_RE = /(утвержд[её]н[оаы]?|введен[оаы]?\s+в\s+действие)\s+приказом|^приложение\s*(?:(?:№|N)\s*\d{1,3}\s*)?к\s+приказу/iu;
/** The approval keyword anywhere in a header line (stamps side by side in a table). */
const APPROVAL_WORD_RE = /(?<!\p{L})(УТВЕРЖДАЮ|УТВЕРЖДЕН[ОАЫ]?)(?!\p{L})/u;

export default defineRule({
  id: 'structure/approval-stamp',
  description: 'Нет грифа утверждения (УТВЕРЖДАЮ / УТВЕРЖДЕНО) или в нём нет даты',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const { model } = ctx;
    const approvals = model.stamps.filter((s) => /^УТВЕРЖД/u.test(s.stamp?.kind ?? ''));
    if (approvals.length === 0) {
      // Stamps the model did not take apart (a table `| ПРИНЯТО | УТВЕРЖДАЮ |`, an HTML table, a sentence
      // «Утверждено приказом …» over two lines): the header read as plain text, tags removed.
      const header: Array<(typeof model.lines)[number]> = [];
      // Lines are in text order: the header ends where the body starts.
      for (const l of model.lines) {
        if (l.start >= model.bodyStart) break;
        if (l.block !== 'blank' && l.block !== 'code') header.push(l);
      }
      const plain = (l: (typeof header)[number]): string => (l.block === 'html' ? l.content.replace(/<[^>]*>/g, ' ') : l.content);
      const keyword = header.find((l, k) => APPROVAL_WORD_RE.test(plain(l)) || ENACTED_RE.test(plain(l)) || ENACTED_RE.test(`${plain(l)} ${header[k + 1] ? plain(header[k + 1]!) : ''}`));
      if (keyword) {
        if (header.some((l) => findDates(plain(l)).some((d) => d.iso))) return;
        ctx.report({ range: { start: keyword.contentStart, end: keyword.contentEnd }, message: 'В грифе утверждения нет даты утверждения' });
        return;
      }
      ctx.report({
        fixes: [insertStampFix(model, ctx.asOf)],
        range: documentAnchor(model),
        message: 'Нет грифа утверждения («УТВЕРЖДАЮ» или «УТВЕРЖДЕНО») с датой',
      });
      return;
    }
    if (!approvals.some((s) => s.stamp?.date?.iso)) {
      const s = approvals[0]!;
      ctx.report({
        range: s.titleRange,
        message: `В грифе «${s.stamp!.kind}» нет даты утверждения`,
      });
    }
    for (const s of approvals) {
      if (s.stamp?.number === '') {
        const line = s.lines.map((i) => model.lines[i]!).find((l) => /(?:№|N|No)\s*$/u.test(l.content) || /(?:№|N|No)\s+от\b/iu.test(l.content));
        ctx.report({
          range: line ? { start: line.contentStart, end: line.contentEnd } : s.titleRange,
          message: `В грифе «${s.stamp!.kind}» не заполнен номер приказа`,
          severity: 'information',
        });
      }
    }
  },
});
