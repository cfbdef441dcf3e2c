import { describe, expect, it } from 'vitest';
import { type CertificateInput, renderCertificate } from '../../src/files/certificate-pdf';
import { certificateDraft } from '../../src/files/papers';
import { type PdfTextItem, pdfPageSize, pdfText, pdfTextItems } from '../helpers/pdf-text';
import { CERTIFICATE } from './papers/examples';

const INPUT: CertificateInput = {
  draftMark: 'BẢN NHÁP',
  draftNote: 'Không phải bản chính thức',
  campaign: 'Nụ cười chiến sĩ',
  title: 'Giấy khen của Giám đốc Công an tỉnh',
  phrase: 'được tặng',
  person: 'Thiếu úy Hà Văn Hưng',
  unit: 'Đội Cảnh sát giao thông – Trật tự, Công an huyện Cao Lộc',
  reasonLabel: 'Lý do:',
  reason: 'hiến máu cứu người bị tai nạn giao thông; dập lửa xe tải trên QL1A',
  decision: 'Quyết định số 123/QĐ-CAT ngày 05/12/2026; người ký: Đại tá Nguyễn Văn Ẩn',
  footer: 'Bản nháp lập ngày 01/12/2026',
};

describe('renderCertificate', () => {
  it('renders one A4 landscape page whose text reads back with every Vietnamese diacritic', async () => {
    const pdf = await renderCertificate(INPUT);
    const text = await pdfText(pdf);
    const size = await pdfPageSize(pdf);

    expect(size).toEqual({ width: expect.closeTo(841.89, 1), height: expect.closeTo(595.28, 1), pages: 1 });
    for (const words of [
      'BẢN NHÁP',
      'Nụ cười chiến sĩ',
      'GIẤY KHEN CỦA GIÁM ĐỐC CÔNG AN TỈNH',
      'được tặng',
      'Thiếu úy Hà Văn Hưng',
      'Đội Cảnh sát giao thông – Trật tự, Công an huyện Cao Lộc',
      'hiến máu cứu người bị tai nạn giao thông; dập lửa xe tải trên QL1A',
      'Quyết định số 123/QĐ-CAT ngày 05/12/2026',
      'Đại tá Nguyễn Văn Ẩn',
    ])
      expect(text).toContain(words);
  });

  it('embeds the font (a subset of Be Vietnam Pro) rather than naming a standard one', async () => {
    const pdf = (await renderCertificate(INPUT)).toString('latin1');
    expect(pdf).toMatch(/\/FontFile2/);
    expect(pdf).toMatch(/BeVietnamPro/);
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('leaves the decision out until one is recorded', async () => {
    const text = await pdfText(await renderCertificate({ ...INPUT, decision: undefined }));
    expect(text).not.toContain('Quyết định số');
    expect(text).toContain('BẢN NHÁP');
  });
});

/** Pairs of text runs whose boxes (left edge to width, baseline to height) intersect by more than a hair. */
function overlaps(items: readonly PdfTextItem[]): string[] {
  const found: string[] = [];
  const hair = 0.5;
  items.forEach((a, i) => {
    for (const b of items.slice(i + 1)) {
      const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (a.page === b.page && across > hair && down > hair) found.push(`"${a.str}" / "${b.str}"`);
    }
  });
  return found;
}

describe("the certificate's layout", () => {
  const LONG: CertificateInput = {
    ...INPUT,
    unit: 'Đội Cảnh sát giao thông, trật tự, cơ động và phòng chống ma túy, Công an huyện Hữu Lũng, Công an tỉnh Lạng Sơn',
    reason:
      'Dũng cảm truy đuổi xe tải bốc cháy trên Quốc lộ 1A, dập lửa, cứu tài xế và hàng hóa trị giá hàng chục tỷ đồng; '.repeat(
        5,
      ),
  };

  it.each([
    ['as /chungnhan words it today', INPUT],
    ['with a reason of the longest length and a long unit', LONG],
    ['from the structured draft, heading and signature included', certificateDraft(CERTIFICATE)],
  ])('has no two text runs overlapping, %s', async (_, input) => {
    const items = await pdfTextItems(await renderCertificate(input));
    expect(items.length).toBeGreaterThan(8);
    expect(overlaps(items)).toEqual([]);
    // Everything inside the inner frame (38 pt from each edge), on one page.
    for (const item of items) {
      expect(item.page).toBe(1);
      expect(item.y).toBeGreaterThan(38);
      expect(item.y + item.height).toBeLessThan(595.28 - 38);
      expect(item.x).toBeGreaterThan(38);
      expect(item.x + item.width).toBeLessThan(841.89 - 38);
    }
  });

  it('sets the reason label on its own line, apart from the reason', async () => {
    const items = await pdfTextItems(await renderCertificate(INPUT));
    const label = items.find((item) => item.str.includes('Lý do:'))!;
    const reason = items.find((item) => item.str.includes('hiến máu cứu người'))!;
    expect(label.y - reason.y).toBeGreaterThan(reason.height);
  });

  it('carries the national heading, the place and date, and the signature in the lower half', async () => {
    const pdf = await renderCertificate(certificateDraft(CERTIFICATE));
    const text = await pdfText(pdf);
    for (const words of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'CÔNG AN TỈNH LẠNG SƠN',
      'Lạng Sơn, ngày 15 tháng 12 năm 2026',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Đại tá Nguyễn Văn Ẩn',
      'được đề nghị tặng Giấy khen của Giám đốc Công an tỉnh',
      'DỰ THẢO',
    ])
      expect(text).toContain(words);
    const items = await pdfTextItems(pdf);
    const signer = items.find((item) => item.str.includes('Nguyễn Văn Ẩn'))!;
    // PDF y runs upwards: the signer's name sits in the lower quarter, the citation around the middle.
    expect(signer.y).toBeLessThan(595.28 / 4);
    const person = items.find((item) => item.str.includes('Hà Văn Hưng'))!;
    expect(person.y).toBeGreaterThan(595.28 / 2);
    expect(person.y).toBeLessThan(595.28 * 0.75);
  });

  it('says "được tặng" for an award, with its decision and without the draft mark', async () => {
    const text = await pdfText(
      await renderCertificate(
        certificateDraft({ ...CERTIFICATE, kind: 'award', decision: { number: '567/QĐ-CAT', day: '2026-12-20' } }),
      ),
    );
    expect(text).toContain('được tặng Giấy khen của Giám đốc Công an tỉnh');
    expect(text).toContain('Quyết định số 567/QĐ-CAT ngày 20/12/2026');
    expect(text).not.toContain('đề nghị tặng');
    expect(text).not.toContain('DỰ THẢO');
  });
});
