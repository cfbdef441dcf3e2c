import { describe, expect, it } from 'vitest';
import { type CertificateInput, renderCertificate } from '../../src/files/certificate-pdf';
import { pdfPageSize, pdfText } from '../helpers/pdf-text';

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
