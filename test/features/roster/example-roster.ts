/**
 * The example roster under docs/examples: a small province (the units of DOMAIN.md), a dozen people with ranks and
 * two past titles, in the import's own format. `npx tsx test/features/roster/example-roster.ts` writes it again;
 * example-roster.test.ts checks that the committed file holds exactly this and imports without an error.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type RosterWorkbook, writeRosterWorkbook } from '../../../src/features/roster/roster-export';
import { createXlsxWriter } from '../../../src/files/xlsx-writer';

export const EXAMPLE_FILE = join(import.meta.dirname, '../../../docs/examples/roster-example.xlsx');

const person = (
  fullName: string,
  rank: string,
  position: string,
  unitCode: string,
  serviceNumber: string,
  extra: { telegram?: string; role?: 'commander' } = {},
) => ({
  fullName,
  rank,
  position,
  unitCode,
  serviceNumber,
  telegram: extra.telegram ?? null,
  role: extra.role ?? ('officer' as const),
  leftOn: null,
});

/** Names and numbers are made up, except the two officers the article names (DOMAIN.md). */
export const EXAMPLE_ROSTER: RosterWorkbook = {
  units: [
    { code: 'CAT', name: 'Công an tỉnh Lạng Sơn', parentCode: null },
    { code: 'PC06', name: 'Phòng Cảnh sát Quản lý hành chính về trật tự xã hội', parentCode: 'CAT' },
    { code: 'PC08', name: 'Phòng Cảnh sát Giao thông', parentCode: 'CAT' },
    { code: 'PC08-DK', name: 'Đội Đăng ký, Quản lý phương tiện giao thông cơ giới đường bộ', parentCode: 'PC08' },
    { code: 'ANKT', name: 'Phòng An ninh Kinh tế', parentCode: 'CAT' },
    { code: 'KTNV', name: 'Phòng Kỹ thuật nghiệp vụ', parentCode: 'CAT' },
    { code: 'XNC', name: 'Phòng Quản lý xuất nhập cảnh', parentCode: 'CAT' },
    { code: 'HL', name: 'Công an huyện Hữu Lũng', parentCode: 'CAT' },
    { code: 'HL-CSGT', name: 'Đội Cảnh sát Giao thông', parentCode: 'HL' },
    { code: 'CL', name: 'Công an huyện Cao Lộc', parentCode: 'CAT' },
    { code: 'CL-CSGT', name: 'Đội CSGT – Trật tự', parentCode: 'CL' },
    { code: 'CLA', name: 'Công an huyện Chi Lăng', parentCode: 'CAT' },
  ],
  people: [
    person('Hoàng Văn Tuấn', 'Thượng tá', 'Trưởng phòng', 'PC06', '120001', {
      telegram: '@tuan_pc06',
      role: 'commander',
    }),
    person('Nguyễn Thị Bình', 'Đại úy', 'Cán bộ', 'PC06', '120002'),
    person('Lý Văn Nam', 'Trung úy', 'Cán bộ', 'PC06', '120003'),
    person('Hà Văn Dưỡng', 'Trung tá', 'Phó Trưởng phòng', 'PC08', '120004', { role: 'commander' }),
    person('Vi Thị Lan', 'Thiếu tá', 'Đội trưởng', 'PC08-DK', '120005', { role: 'commander' }),
    person('Nông Văn Khải', 'Thượng úy', 'Cán bộ', 'PC08-DK', '120006'),
    person('Đinh Thị Mai', 'Đại úy', 'Cán bộ', 'ANKT', '120007'),
    person('Lục Văn Sơn', 'Thiếu tá', 'Cán bộ', 'KTNV', '120008'),
    person('Chu Thị Hằng', 'Trung úy', 'Cán bộ', 'XNC', '120009'),
    person('Hoàng Văn Đức', 'Thiếu tá', 'Đội trưởng', 'HL-CSGT', '120010', { role: 'commander' }),
    person('Hà Văn Hưng', 'Thiếu úy', 'Cán bộ', 'CL-CSGT', '120011', { telegram: '@hung_caoloc' }),
    person('Mã Văn Thắng', 'Trung sĩ', 'Chiến sĩ', 'CLA', '120012'),
  ],
  commendations: [
    {
      serviceNumber: '120011',
      fullName: 'Hà Văn Hưng',
      unitCode: 'CL-CSGT',
      year: 2025,
      title: 'Chiến sĩ tiên tiến',
      decisionNumber: '2150/QĐ-CAT',
      decisionDate: '2025-12-15',
      issuingLevel: 'Giám đốc Công an tỉnh',
    },
    {
      serviceNumber: '120004',
      fullName: 'Hà Văn Dưỡng',
      unitCode: 'PC08',
      year: 2024,
      title: 'Chiến sĩ thi đua cơ sở',
      decisionNumber: '1987/QĐ-CAT',
      decisionDate: '2024-12-20',
      issuingLevel: 'Giám đốc Công an tỉnh',
    },
  ],
};

/** Writes the example workbook to `file`. */
export async function writeExampleRoster(file: string): Promise<void> {
  const writer = createXlsxWriter(file);
  await writeRosterWorkbook(writer, EXAMPLE_ROSTER);
  await writer.finish();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await writeExampleRoster(EXAMPLE_FILE);
