/**
 * A year of Phòng Cảnh sát giao thông (PC08), Công an tỉnh Lạng Sơn, as the papers' inputs: read back by the
 * tests, and drawn into docs/examples/papers by render-examples.ts.
 */
import type { Signer } from '../../../src/files/papers/basics';
import type { CertificateDraftInput } from '../../../src/files/papers/certificate-draft';
import type { ProposalLetterInput } from '../../../src/files/papers/proposal-letter';
import type { ProposalListInput } from '../../../src/files/papers/proposal-list';
import type { RegistrationListInput } from '../../../src/files/papers/registration-list';
import type { ReviewMinutesInput } from '../../../src/files/papers/review-minutes';

const issuer = { parent: 'Công an tỉnh Lạng Sơn', unit: 'Phòng Cảnh sát giao thông' };
const unitName = 'Phòng Cảnh sát giao thông, Công an tỉnh Lạng Sơn';
export const HEAD: Signer = { position: 'Trưởng phòng', name: { rank: 'Đại tá', fullName: 'Nguyễn Văn Ẩn' } };

export const REGISTRATION: RegistrationListInput = {
  issuer,
  symbol: 'ĐK-PC08',
  place: 'Lạng Sơn',
  day: '2026-01-15',
  year: 2026,
  unitName,
  campaign: 'Nụ cười chiến sĩ',
  unitTitle: 'Đơn vị quyết thắng',
  people: [
    { name: { rank: 'Trung tá', fullName: 'Hà Văn Dưỡng' }, position: 'Đội trưởng', title: 'Chiến sĩ thi đua cơ sở' },
    { name: { rank: 'Thiếu úy', fullName: 'Hà Văn Hưng' }, position: 'Cán bộ', title: 'Chiến sĩ thi đua cơ sở' },
    { name: { rank: 'Thượng úy', fullName: 'Lường Thị Ngọc Ánh' }, position: 'Cán bộ', title: 'Chiến sĩ tiên tiến' },
    { name: { rank: 'Đại úy', fullName: 'Hoàng Văn Tuấn' }, position: 'Phó Đội trưởng', title: 'Chiến sĩ tiên tiến' },
    { name: { rank: 'Trung úy', fullName: 'Nông Thị Bích Ngọc' }, position: 'Cán bộ', title: 'Chiến sĩ tiên tiến' },
  ],
  recipients: ['Hội đồng Thi đua – Khen thưởng Công an tỉnh', 'Phòng Tổ chức cán bộ'],
  signer: HEAD,
};

export const MINUTES: ReviewMinutesInput = {
  issuer,
  symbol: 'BB-PC08',
  place: 'Lạng Sơn',
  day: '2026-12-15',
  year: 2026,
  unitName,
  venue: 'phòng họp Đội Tổng hợp',
  startedAt: '08:00',
  endedAt: '10:30',
  chair: { name: { rank: 'Đại tá', fullName: 'Nguyễn Văn Ẩn' }, position: 'Trưởng phòng' },
  secretary: { name: { rank: 'Thượng úy', fullName: 'Lường Thị Ngọc Ánh' }, position: 'cán bộ Đội Tổng hợp' },
  members: 30,
  present: 27,
  absentees: [
    { name: { rank: 'Trung úy', fullName: 'Nông Thị Bích Ngọc' }, reason: 'nghỉ phép' },
    { name: { rank: 'Thiếu tá', fullName: 'Vi Văn Đức' }, reason: 'đi công tác' },
    { name: { rank: 'Hạ sĩ', fullName: 'Lý Văn Sơn' }, reason: 'ốm' },
  ],
  quorum: { share: { numerator: 2, denominator: 3 }, needed: 20, met: true },
  ballots: { issued: 27, returned: 27, valid: 27 },
  sections: [
    {
      title: 'Chiến sĩ thi đua cơ sở',
      rule: { share: { numerator: 70, denominator: 100 }, comparison: 'at-least', base: 'present' },
      quota: { share: { numerator: 15, denominator: 100 }, of: 'Chiến sĩ tiên tiến', holders: 14, limit: 2 },
      candidates: [
        {
          name: { rank: 'Trung tá', fullName: 'Hà Văn Dưỡng' },
          position: 'Đội trưởng',
          yes: 26,
          base: 27,
          result: 'proposed',
        },
        {
          name: { rank: 'Thiếu úy', fullName: 'Hà Văn Hưng' },
          position: 'Cán bộ',
          yes: 25,
          base: 27,
          result: 'proposed',
        },
        {
          name: { rank: 'Đại úy', fullName: 'Hoàng Văn Tuấn' },
          position: 'Phó Đội trưởng',
          yes: 18,
          base: 27,
          result: 'not-passed',
        },
      ],
    },
    {
      title: 'Chiến sĩ tiên tiến',
      rule: { share: { numerator: 1, denominator: 2 }, comparison: 'at-least', base: 'present' },
      candidates: [
        {
          name: { rank: 'Thượng úy', fullName: 'Lường Thị Ngọc Ánh' },
          position: 'Cán bộ',
          yes: 27,
          base: 27,
          result: 'proposed',
        },
        {
          name: { rank: 'Đại úy', fullName: 'Hoàng Văn Tuấn' },
          position: 'Phó Đội trưởng',
          yes: 24,
          base: 27,
          result: 'proposed',
        },
        {
          name: { rank: 'Thiếu tá', fullName: 'Vi Văn Đức' },
          position: 'Cán bộ',
          yes: 25,
          base: 27,
          result: 'ineligible',
        },
      ],
    },
  ],
};

export const PROPOSAL_LIST: ProposalListInput = {
  issuer,
  symbol: 'DS-PC08',
  place: 'Lạng Sơn',
  day: '2026-12-16',
  year: 2026,
  unitName,
  letterSymbol: 'TTr-PC08',
  groups: [
    { title: 'Đơn vị quyết thắng', collective: true, rows: [{ name: 'Phòng Cảnh sát giao thông', note: 'Tập thể' }] },
    {
      title: 'Chiến sĩ thi đua cơ sở',
      collective: false,
      rows: [
        {
          name: { rank: 'Trung tá', fullName: 'Hà Văn Dưỡng' },
          positionUnit: 'Đội trưởng, Đội Tuần tra kiểm soát',
          yes: 26,
          base: 27,
        },
        {
          name: { rank: 'Thiếu úy', fullName: 'Hà Văn Hưng' },
          positionUnit: 'Cán bộ, Đội Đăng ký phương tiện',
          yes: 25,
          base: 27,
        },
      ],
    },
    {
      title: 'Chiến sĩ tiên tiến',
      collective: false,
      rows: [
        {
          name: { rank: 'Thượng úy', fullName: 'Lường Thị Ngọc Ánh' },
          positionUnit: 'Cán bộ, Đội Tổng hợp',
          yes: 27,
          base: 27,
        },
        {
          name: { rank: 'Đại úy', fullName: 'Hoàng Văn Tuấn' },
          positionUnit: 'Phó Đội trưởng, Đội Tổng hợp',
          yes: 24,
          base: 27,
        },
      ],
    },
  ],
  signer: HEAD,
};

export const PROPOSAL_LETTER: ProposalLetterInput = {
  issuer,
  symbol: 'TTr-PC08',
  place: 'Lạng Sơn',
  day: '2026-12-16',
  year: 2026,
  unitName,
  addressee: 'Hội đồng Thi đua – Khen thưởng Công an tỉnh Lạng Sơn',
  bases: [
    'Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022',
    'Nghị định số 152/2025/NĐ-CP của Chính phủ',
    'Thông tư số 04/2024/TT-BCA của Bộ trưởng Bộ Công an',
  ],
  meetingDay: '2026-12-15',
  lines: [
    { title: 'Đơn vị quyết thắng', count: 1, collective: true },
    { title: 'Chiến sĩ thi đua cơ sở', count: 2, collective: false },
    { title: 'Chiến sĩ tiên tiến', count: 25, collective: false },
  ],
  recipients: ['Lãnh đạo Công an tỉnh (để báo cáo)'],
  signer: {
    authority: 'KT. Trưởng phòng',
    position: 'Phó Trưởng phòng',
    name: { rank: 'Thượng tá', fullName: 'Phùng Đức Thịnh' },
  },
};

export const CERTIFICATE: CertificateDraftInput = {
  issuer: { parent: 'Bộ Công an', unit: 'Công an tỉnh Lạng Sơn' },
  symbol: 'GK-CAT',
  place: 'Lạng Sơn',
  day: '2026-12-15',
  kind: 'proposal',
  form: 'Giấy khen của Giám đốc Công an tỉnh',
  campaign: 'Phong trào “Nụ cười chiến sĩ”',
  person: { rank: 'Thiếu úy', fullName: 'Hà Văn Hưng' },
  unit: 'Đội Cảnh sát giao thông – Trật tự, Công an huyện Cao Lộc',
  reason:
    'Kịp thời hiến máu cứu người bị tai nạn giao thông khi bệnh viện thiếu nhóm máu cần truyền (26/7/2021); tích cực tham gia dập lửa xe tải trên Quốc lộ 1A.',
  signer: { authority: 'KT. Giám đốc', position: 'Phó Giám đốc', name: { rank: 'Đại tá', fullName: 'Nguyễn Văn Ẩn' } },
};
