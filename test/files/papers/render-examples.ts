/**
 * Draws each paper of examples.ts as PDF and phone-sized PNGs (pdftoppm, from poppler-utils) into
 * docs/examples/papers: `npx tsx test/files/papers/render-examples.ts`; with `--docx`, the DOCX files too (about
 * 230 KB each with the font embedded, so they are not kept in the repository).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderCertificate } from '../../../src/files/certificate-pdf';
import { certificateDraft, certificatePaper } from '../../../src/files/papers/certificate-draft';
import type { Paper } from '../../../src/files/papers/paper';
import { renderPaperDocx } from '../../../src/files/papers/paper-docx';
import { renderPaperPdf } from '../../../src/files/papers/paper-pdf';
import { proposalLetterPaper } from '../../../src/files/papers/proposal-letter';
import { proposalListPaper } from '../../../src/files/papers/proposal-list';
import { registrationListPaper } from '../../../src/files/papers/registration-list';
import { reviewMinutesPaper } from '../../../src/files/papers/review-minutes';
import { CERTIFICATE, MINUTES, PROPOSAL_LETTER, PROPOSAL_LIST, REGISTRATION } from './examples';

const OUT = resolve(import.meta.dirname, '../../../docs/examples/papers');
const DOCX = process.argv.includes('--docx');
mkdirSync(OUT, { recursive: true });

const papers: [string, Paper][] = [
  ['dang-ky-thi-dua', registrationListPaper(REGISTRATION)],
  ['bien-ban-binh-xet', reviewMinutesPaper(MINUTES)],
  ['danh-sach-de-nghi', proposalListPaper(PROPOSAL_LIST)],
  ['to-trinh', proposalLetterPaper(PROPOSAL_LETTER)],
];
/** Writes the PDF and its pages as PNGs, 720 px wide: a phone's screen at 2x (portrait) or turned (landscape). */
function writePdf(name: string, bytes: Buffer) {
  const pdf = join(OUT, `${name}.pdf`);
  writeFileSync(pdf, bytes);
  execFileSync('pdftoppm', ['-png', '-scale-to-x', '720', '-scale-to-y', '-1', pdf, join(OUT, name)]);
  console.log(name);
}

for (const [name, paper] of papers) {
  writePdf(name, await renderPaperPdf(paper));
  if (DOCX) writeFileSync(join(OUT, `${name}.docx`), await renderPaperDocx(paper));
}
writePdf('giay-khen', await renderCertificate(certificateDraft(CERTIFICATE)));
if (DOCX) writeFileSync(join(OUT, 'giay-khen.docx'), await renderPaperDocx(certificatePaper(CERTIFICATE)));
