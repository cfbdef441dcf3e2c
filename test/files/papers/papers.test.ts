import { describe, expect, it } from 'vitest';
import {
  certificatePaper,
  type Paper,
  proposalLetterPaper,
  proposalListPaper,
  registrationListPaper,
  renderPaper,
  reviewMinutesPaper,
} from '../../../src/files/papers';
import { docxText } from '../../helpers/docx-text';
import { pdfPageSize, pdfText } from '../../helpers/pdf-text';
import { unzip } from '../../helpers/zip';
import { CERTIFICATE, MINUTES, PROPOSAL_LETTER, PROPOSAL_LIST, REGISTRATION } from './examples';

/** What every paper carries (Nghị định 30/2020), as both formats read back. */
const HEADING = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'PHÒNG CẢNH SÁT GIAO THÔNG'];

const PAPERS: [string, Paper, string[]][] = [
  [
    'registration list',
    registrationListPaper(REGISTRATION),
    [
      'BẢN ĐĂNG KÝ THI ĐUA NĂM 2026',
      'Lạng Sơn, ngày 15 tháng 01 năm 2026',
      'Số:        /ĐK-PC08',
      'Trung úy Nông Thị Bích Ngọc',
      'Thượng úy Lường Thị Ngọc Ánh',
      'đăng ký danh hiệu “Đơn vị quyết thắng”',
      'Chiến sĩ thi đua cơ sở: 2 đồng chí; Chiến sĩ tiên tiến: 3 đồng chí',
      'Nơi nhận:',
      '- Hội đồng Thi đua – Khen thưởng Công an tỉnh;',
      'TRƯỞNG PHÒNG',
      'Đại tá Nguyễn Văn Ẩn',
    ],
  ],
  [
    'review minutes',
    reviewMinutesPaper(MINUTES),
    [
      'BIÊN BẢN',
      'Họp bình xét danh hiệu thi đua năm 2026',
      'Lạng Sơn, ngày 15 tháng 12 năm 2026',
      'Vào hồi 08 giờ 00 phút, ngày 15 tháng 12 năm 2026',
      'tổng số 30 đồng chí; có mặt 27 đồng chí; vắng mặt 3 đồng chí',
      'Số phiếu phát ra: 27; số phiếu thu về: 27; số phiếu hợp lệ: 27',
      'cần đạt từ 70% trở lên số phiếu đồng ý so với số người dự họp',
      'không quá 15% số cá nhân đạt danh hiệu “Chiến sĩ tiên tiến” (14 đồng chí), tức tối đa 2 đồng chí',
      '26/27',
      '96,3',
      '18/27',
      '66,7',
      'Không đạt',
      'Không đủ điều kiện',
      'cho 4 trường hợp',
      'THƯ KÝ',
      'CHỦ TRÌ',
      'Thượng úy Lường Thị Ngọc Ánh',
      'Đại tá Nguyễn Văn Ẩn',
    ],
  ],
  [
    'proposal list',
    proposalListPaper(PROPOSAL_LIST),
    [
      'DANH SÁCH',
      'Kèm theo Tờ trình số        /TTr-PC08',
      'DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”: 2 đồng chí',
      'DANH HIỆU “ĐƠN VỊ QUYẾT THẮNG”: 1 tập thể',
      'Trung tá Hà Văn Dưỡng',
      '88,9',
      'Tổng cộng: 4 cá nhân, 1 tập thể.',
    ],
  ],
  [
    'proposal letter',
    proposalLetterPaper(PROPOSAL_LETTER),
    [
      'TỜ TRÌNH',
      'Về việc đề nghị xét tặng danh hiệu thi đua năm 2026',
      'Kính gửi: Hội đồng Thi đua – Khen thưởng Công an tỉnh Lạng Sơn',
      'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;',
      'Danh hiệu “Chiến sĩ tiên tiến”: 25 đồng chí;',
      '- Như trên;',
      '- Lưu: VT.',
      'KT. TRƯỞNG PHÒNG',
      'PHÓ TRƯỞNG PHÒNG',
      'Thượng tá Phùng Đức Thịnh',
    ],
  ],
];

/** Both formats' text with runs of spaces kept apart from line breaks, for comparing phrases across wraps. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.each(PAPERS)('the %s', (_, paper, phrases) => {
  it('reads back from the PDF: heading, names with diacritics, figures, signature, draft mark', async () => {
    const pdf = await renderPaper(paper, 'pdf');
    const text = flat(await pdfText(pdf));
    for (const phrase of [...HEADING, 'DỰ THẢO', ...phrases]) expect(text).toContain(flat(phrase));
    expect((await pdfPageSize(pdf)).width).toBeCloseTo(595.28, 0);
    expect(pdf.toString('latin1')).toMatch(/BeVietnamPro/);
  });

  it('reads back from the DOCX, with the font embedded rather than named', async () => {
    const docx = await renderPaper(paper, 'docx');
    const text = flat(docxText(docx));
    for (const phrase of [...HEADING, 'DỰ THẢO', ...phrases]) expect(text).toContain(flat(phrase));
    const files = unzip(docx);
    expect([...files.keys()].filter((name) => name.endsWith('.odttf'))).toHaveLength(4);
    expect(files.get('word/fontTable.xml')!.toString()).toContain('Be Vietnam Pro');
    expect(files.get('word/document.xml')!.toString()).not.toMatch(/Times New Roman|Arial/);
  });
});

describe('the draft mark', () => {
  it('goes once a decision is recorded', async () => {
    const paper = proposalLetterPaper({ ...PROPOSAL_LETTER, decided: true });
    expect(await pdfText(await renderPaper(paper, 'pdf'))).not.toContain('DỰ THẢO');
    expect(docxText(await renderPaper(paper, 'docx'))).not.toContain('DỰ THẢO');
  });
});

describe('the minutes', () => {
  it('name a chair or secretary without a position on the roster without a dangling comma', async () => {
    const paper = reviewMinutesPaper({ ...MINUTES, chair: { ...MINUTES.chair, position: '' } });
    const text = docxText(await renderPaper(paper, 'docx'));
    expect(text).toContain('Chủ trì: đồng chí Đại tá Nguyễn Văn Ẩn.');
    expect(text).not.toContain(', .');
  });
});

describe('the certificate as DOCX', () => {
  it('is landscape, worded as a proposal until the decision, then as an award', async () => {
    const proposal = await renderPaper(certificatePaper(CERTIFICATE), 'docx');
    const xml = unzip(proposal).get('word/document.xml')!.toString();
    expect(xml).toMatch(/w:orient="landscape"/);
    const text = flat(docxText(proposal));
    for (const phrase of [
      'GIẤY KHEN CỦA GIÁM ĐỐC CÔNG AN TỈNH',
      'Thiếu úy Hà Văn Hưng',
      'được đề nghị tặng Giấy khen của Giám đốc Công an tỉnh',
      'Lạng Sơn, ngày 15 tháng 12 năm 2026',
      'KT. GIÁM ĐỐC',
      'DỰ THẢO',
    ])
      expect(text).toContain(phrase);
    const award = flat(
      docxText(
        await renderPaper(
          certificatePaper({ ...CERTIFICATE, kind: 'award', decision: { number: '567/QĐ-CAT', day: '2026-12-20' } }),
          'docx',
        ),
      ),
    );
    expect(award).toContain('được tặng Giấy khen của Giám đốc Công an tỉnh');
    expect(award).toContain('Quyết định số 567/QĐ-CAT ngày 20/12/2026');
    expect(award).not.toContain('đề nghị');
    expect(award).not.toContain('DỰ THẢO');
  });
});
