import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseMetricArgs,
  parseRegisterArgs,
  parseRoleArgs,
  parseUnitArgs,
} from '../../../src/features/admin/parse-admin';
import type { ParseError } from '../../../src/kernel/parsing/parse-error';

describe('parseUnitArgs', () => {
  it.each([
    ['list', { kind: 'list' }],
    ['LIST', { kind: 'list' }],
    ['  list  ', { kind: 'list' }],
    ['add PC06 Phòng Cảnh sát QLHC về TTXH', { kind: 'add', code: 'PC06', name: 'Phòng Cảnh sát QLHC về TTXH' }],
    ['add pc06 Phòng  CS\nQLHC', { kind: 'add', code: 'PC06', name: 'Phòng CS QLHC' }],
    ['add PC08 Phòng CSGT parent=cat', { kind: 'add', code: 'PC08', name: 'Phòng CSGT', parentCode: 'CAT' }],
    ['add PC08 parent=CAT Phòng CSGT', { kind: 'add', code: 'PC08', name: 'Phòng CSGT', parentCode: 'CAT' }],
    [
      'add HL-CSGT Đội CSGT parent=CAH_HL Hữu Lũng',
      { kind: 'add', code: 'HL-CSGT', name: 'Đội CSGT Hữu Lũng', parentCode: 'CAH_HL' },
    ],
    ['Add CAT Công an tỉnh Lạng Sơn', { kind: 'add', code: 'CAT', name: 'Công an tỉnh Lạng Sơn' }],
    ['thêm CAT Công an tỉnh', { kind: 'add', code: 'CAT', name: 'Công an tỉnh' }],
    ['add CAT Công an PARENT=X', { kind: 'add', code: 'CAT', name: 'Công an', parentCode: 'X' }],
    [`add PC06 ${'ă'.repeat(120)}`, { kind: 'add', code: 'PC06', name: 'ă'.repeat(120) }],
    ['rename pc08 Phòng CSGT  tỉnh', { kind: 'rename', code: 'PC08', name: 'Phòng CSGT tỉnh' }],
    ['đổitên PC08 Phòng CSGT', { kind: 'rename', code: 'PC08', name: 'Phòng CSGT' }],
    [`rename PC06 ${'ă'.repeat(120)}`, { kind: 'rename', code: 'PC06', name: 'ă'.repeat(120) }],
    ['move pc08-dk parent=pc06', { kind: 'move', code: 'PC08-DK', parentCode: 'PC06' }],
    ['chuyển PC08-DK parent=PC06', { kind: 'move', code: 'PC08-DK', parentCode: 'PC06' }],
    ['retire PC08', { kind: 'retire', code: 'PC08' }],
    ['ngừng pc08', { kind: 'retire', code: 'PC08' }],
  ])('%j', (args, value) => {
    expect(parseUnitArgs(args)).toEqual({ ok: true, value });
  });

  it.each<[string, ParseError]>([
    ['', { kind: 'unit.usage' }],
    ['list all', { kind: 'unit.usage' }],
    ['remove PC06', { kind: 'unit.usage' }],
    ['PC06 Phòng', { kind: 'unit.usage' }],
    ['add', { kind: 'unit.usage' }],
    ['add PC06', { kind: 'unit.missingName' }],
    ['add PC06 parent=CAT', { kind: 'unit.missingName' }],
    ['add PC.06 Phòng', { kind: 'unit.badCode', code: 'PC.06' }],
    ['add Phòng_Cảnh_sát Phòng', { kind: 'unit.badCode', code: 'Phòng_Cảnh_sát' }],
    ['add A23456789012345678901234567890123 X', { kind: 'unit.badCode', code: 'A23456789012345678901234567890123' }],
    ['add PC06 Phòng parent=C.A.T', { kind: 'unit.badCode', code: 'C.A.T' }],
    ['add PC06 Phòng parent=', { kind: 'unit.usage' }],
    ['add PC06 Phòng parent=A parent=B', { kind: 'unit.usage' }],
    [`add PC06 ${'ă'.repeat(121)}`, { kind: 'unit.nameTooLong', max: 120 }],
    [`add PC06 ${'Phòng '.repeat(21)} parent=CAT`, { kind: 'unit.nameTooLong', max: 120 }],
    ['rename PC06', { kind: 'unit.missingName' }],
    [`rename PC06 ${'ă'.repeat(121)}`, { kind: 'unit.nameTooLong', max: 120 }],
    ['rename PC06 Tên parent=CAT', { kind: 'unit.usage' }],
    ['rename', { kind: 'unit.usage' }],
    ['move PC06', { kind: 'unit.usage' }],
    ['move PC06 CAT', { kind: 'unit.usage' }],
    ['move PC06 parent=CAT Tên', { kind: 'unit.usage' }],
    ['move PC06 parent=', { kind: 'unit.usage' }],
    ['move PC06 parent=C.A.T', { kind: 'unit.badCode', code: 'C.A.T' }],
    ['retire', { kind: 'unit.usage' }],
    ['retire PC06 now', { kind: 'unit.usage' }],
    ['retire P/06', { kind: 'unit.badCode', code: 'P/06' }],
  ])('%j is refused', (args, error) => {
    expect(parseUnitArgs(args)).toEqual({ ok: false, error });
  });
});

describe('parseRegisterArgs', () => {
  it.each([
    ['PC06', 'PC06'],
    ['pc06', 'PC06'],
    ['  hl-csgt ', 'HL-CSGT'],
  ])('%j → %s', (args, code) => {
    expect(parseRegisterArgs(args)).toEqual({ ok: true, value: { code } });
  });

  it.each<[string, ParseError]>([
    ['', { kind: 'register.usage' }],
    ['PC06 PC08', { kind: 'register.usage' }],
    ['PC/06', { kind: 'unit.badCode', code: 'PC/06' }],
    ['Đội', { kind: 'unit.badCode', code: 'Đội' }],
  ])('%j is refused', (args, error) => {
    expect(parseRegisterArgs(args)).toEqual({ ok: false, error });
  });
});

describe('parseRoleArgs', () => {
  it.each([
    ['commander', 'commander'],
    ['Commander', 'commander'],
    ['chihuy', 'commander'],
    ['chỉ huy', 'commander'],
    ['Chỉ Huy', 'commander'],
    ['chỉ huy @nguyenvana', 'commander'],
    ['@nguyenvana chỉ huy', 'commander'],
    ['commander Nguyễn Văn A', 'commander'],
    ['officer', 'officer'],
    ['canbo', 'officer'],
    ['cán bộ', 'officer'],
    ['CÁN BỘ @someone', 'officer'],
    ['chiến sĩ', 'officer'],
  ])('%j → %s', (args, role) => {
    expect(parseRoleArgs(args)).toEqual({ ok: true, value: { role } });
  });

  it.each(['', 'admin', '@nguyenvana', 'chỉ', 'boss', 'Nguyễn Văn A commander', 'chi-huy'])('%j is refused', (args) => {
    expect(parseRoleArgs(args)).toEqual({ ok: false, error: { kind: 'role.usage' } });
  });
});

describe('parseMetricArgs', () => {
  it.each([
    ['add cntt Cấp tài khoản định danh', { kind: 'add', code: 'cntt', nameVi: 'Cấp tài khoản định danh' }],
    [
      'add VNEID Kích hoạt định danh điện tử | Electronic IDs activated | tài khoản',
      {
        kind: 'add',
        code: 'vneid',
        nameVi: 'Kích hoạt định danh điện tử',
        nameEn: 'Electronic IDs activated',
        countUnit: 'tài khoản',
      },
    ],
    [
      'add vneid Kích hoạt   định danh|Electronic IDs',
      { kind: 'add', code: 'vneid', nameVi: 'Kích hoạt định danh', nameEn: 'Electronic IDs' },
    ],
    ['add vneid Kích hoạt | | tài khoản', { kind: 'add', code: 'vneid', nameVi: 'Kích hoạt', countUnit: 'tài khoản' }],
    ['thêm vneid Kích hoạt', { kind: 'add', code: 'vneid', nameVi: 'Kích hoạt' }],
    ['alias cccd thẻ căn cước', { kind: 'alias', code: 'cccd', alias: 'thẻ căn cước' }],
    ['ALIAS CCCD  thẻ\ncăn cước ', { kind: 'alias', code: 'cccd', alias: 'thẻ căn cước' }],
    ['max cccd 6000', { kind: 'max', code: 'cccd', max: 6000 }],
    ['max cccd 6.000', { kind: 'max', code: 'cccd', max: 6000 }],
    ['max khautrang 100,000', { kind: 'max', code: 'khautrang', max: 100_000 }],
    ['retire vlnc', { kind: 'retire', code: 'vlnc' }],
    ['Ngừng VLNC', { kind: 'retire', code: 'vlnc' }],
  ])('%j', (args, value) => {
    expect(parseMetricArgs(args)).toEqual({ ok: true, value });
  });

  it.each<[string, ParseError]>([
    ['', { kind: 'metric.usage' }],
    ['add', { kind: 'metric.usage' }],
    ['add vneid', { kind: 'metric.usage' }],
    ['add vneid | Electronic IDs', { kind: 'metric.usage' }],
    ['add vneid a | b | c | d', { kind: 'metric.usage' }],
    ['add vne-id Kích hoạt', { kind: 'metric.badCode', code: 'vne-id' }],
    ['add địnhdanh Kích hoạt', { kind: 'metric.badCode', code: 'địnhdanh' }],
    ['add a234567890123456789012345 X', { kind: 'metric.badCode', code: 'a234567890123456789012345' }],
    ['alias cccd', { kind: 'metric.usage' }],
    ['retire', { kind: 'metric.usage' }],
    ['retire vlnc now', { kind: 'metric.usage' }],
    ['retire vl-nc', { kind: 'metric.badCode', code: 'vl-nc' }],
    ['alias cccd hôm qua', { kind: 'metric.aliasDateWord', alias: 'hôm qua' }],
    ['alias cccd t2', { kind: 'metric.aliasDateWord', alias: 't2' }],
    ['alias cccd 120', { kind: 'metric.aliasNumeric', alias: '120' }],
    ['alias cccd the5', { kind: 'metric.aliasNumeric', alias: 'the5' }],
    [`alias cccd ${'a'.repeat(41)}`, { kind: 'metric.aliasTooLong', max: 40 }],
    ['alias c.c.c.d thẻ', { kind: 'metric.badCode', code: 'c.c.c.d' }],
    ['max cccd', { kind: 'metric.usage' }],
    ['max cccd 10 20', { kind: 'metric.usage' }],
    ['max cccd abc', { kind: 'metric.badMax', max: 'abc' }],
    ['max cccd 0', { kind: 'metric.badMax', max: '0' }],
    ['max cccd -5', { kind: 'metric.badMax', max: '-5' }],
    ['max cccd 1.5', { kind: 'metric.badMax', max: '1.5' }],
    ['max cccd 12345678901234567890', { kind: 'metric.badMax', max: '12345678901234567890' }],
    ['remove cccd', { kind: 'metric.usage' }],
    ['cccd 120', { kind: 'metric.usage' }],
  ])('%j is refused', (args, error) => {
    expect(parseMetricArgs(args)).toEqual({ ok: false, error });
  });
});

describe('admin parsers', () => {
  it('never throw for any text', () => {
    const prefix = fc.constantFrom('', 'add ', 'list', 'alias ', 'max ', 'add X ', 'add x y | ', 'max cccd ');
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(prefix, text, (head, tail) => {
        const args = head + tail;
        for (const parse of [parseUnitArgs, parseRegisterArgs, parseRoleArgs, parseMetricArgs]) {
          const result = parse(args);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
