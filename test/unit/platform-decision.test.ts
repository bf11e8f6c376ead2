/**
 * The approval date alone never decides the platform: an act that mentions neither MAX nor
 * VK Мессенджер gets no MAX-specific demands (voluntariness clause, 156-ФЗ).
 */
import * as assert from 'node:assert/strict';
import { detectPlatform } from '../../server/src/analysis/platform';
import { normalizeSettings } from '../../server/src/config';
import { buildModel } from '../../server/src/model/clauseTree';
import { createRegulationService } from '../../server/src/service';
import { joinLines } from '../helpers/fixtures';

const header = ['УТВЕРЖДАЮ', 'Директор МБОУ «СОШ № 3»', '«01» 09 2025 г.', '', 'ПОЛОЖЕНИЕ', 'об использовании ИКОП «Сферум»', '', '1. Общие положения', ''];

describe('platform decision', () => {
  it('a post-August-2025 act that names no platform is about neither', () => {
    const text = joinLines(...header, '1.1. Настоящее Положение регулирует использование ИКОП «Сферум».');
    assert.equal(detectPlatform(buildModel(text), text).platform, 'unknown');
    const findings = createRegulationService().analyzeText(text, normalizeSettings({ asOf: '2026-01-15' })).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === 'structure/max-voluntariness' || f.ruleId === 'legal/max-without-156').map((f) => f.ruleId), []);
  });

  it('the same act naming MAX is a MAX act', () => {
    const text = joinLines(...header, '1.1. Настоящее Положение регулирует использование ИКОП «Сферум» в национальном мессенджере MAX.');
    assert.equal(detectPlatform(buildModel(text), text).platform, 'max');
  });
});
