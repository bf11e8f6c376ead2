/** The CLI's fast UTF-8 decoding of files gives exactly what `Buffer#toString('utf8')` gives. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeUtf8 } from '../../server/src/cli/check';

const char = fc.oneof(
  fc.constantFrom('а', 'Я', 'ё', 'Ё', 'M', 'A', 'X', ' ', '\u00a0', '\r', '\n', '\t', '«', '»', '—', '\ufeff', '\u0000', '😀', '\uffff', '\ud7ff', '\ue000'),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x400, max: 0x4ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);

describe('CLI file decoding', () => {
  it('decodes any valid UTF-8 text to the very string it encodes: BOM kept, NBSP, emoji, control characters', () => {
    fc.assert(fc.property(fc.array(char, { maxLength: 200 }), fc.boolean(), (chars, bom) => {
      const text = (bom ? '\ufeff' : '') + chars.join('');
      assert.equal(decodeUtf8(Buffer.from(text, 'utf8')), text);
    }), { numRuns: 3000, seed: 20261121 });
    const draft = '\ufeff# ПОЛОЖЕНИЕ об использовании ИКОП «Сферум» в национальном мессенджере MAX 😀\r\n';
    assert.equal(decodeUtf8(Buffer.from(draft, 'utf8')), draft);
    assert.equal(decodeUtf8(Buffer.from(draft, 'utf8')).charCodeAt(0), 0xfeff);
  });

  it('decodes any bytes, valid or not, exactly as Buffer#toString does (invalid sequences become U+FFFD)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(char, { minLength: 40, maxLength: 80 }), (noise, chars) => {
      // Cyrillic around random bytes, so that long inputs go through the fast path whenever they are valid.
      const bytes = Buffer.concat([Buffer.from(chars.join(''), 'utf8'), Buffer.from(noise), Buffer.from(chars.join(''), 'utf8')]);
      assert.equal(decodeUtf8(bytes), bytes.toString('utf8'));
    }), { numRuns: 3000, seed: 20261121 });
    const broken = Buffer.concat([Buffer.from('Положение '.repeat(10), 'utf8'), Buffer.from([0xd0, 0xff, 0xc3])]);
    assert.equal(decodeUtf8(broken), 'Положение '.repeat(10) + '\ufffd\ufffd\ufffd');
  });
});
