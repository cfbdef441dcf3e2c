/**
 * The official papers of the year, in the format of Nghị định 30/2020/NĐ-CP: builders that word each paper from
 * plain inputs (people already named by rank and full name), and the PDF and DOCX renderers, both with the bundled
 * font.
 */
import type { Paper } from './paper';

export type { OfficialName, PaperBasics, Signer } from './basics';
export { type CertificateDraftInput, certificateDraft, certificatePaper } from './certificate-draft';
export { officialName, type Paper } from './paper';
export { type ProposalLetterInput, proposalLetterPaper } from './proposal-letter';
export { type ProposalGroup, type ProposalListInput, proposalListPaper } from './proposal-list';
export { type RegistrationListInput, registrationListPaper } from './registration-list';
export { type MinutesResult, type MinutesSection, type ReviewMinutesInput, reviewMinutesPaper } from './review-minutes';

/** Draws a paper as PDF or DOCX bytes; each renderer loads its package on first use. */
export async function renderPaper(paper: Paper, format: 'pdf' | 'docx'): Promise<Buffer> {
  if (format === 'pdf') return (await import('./paper-pdf')).renderPaperPdf(paper);
  return (await import('./paper-docx')).renderPaperDocx(paper);
}
