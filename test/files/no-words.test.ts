import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** A Vietnamese letter with a diacritic: none may stand in a string of the renderers (comments may have them). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function stringsOf(path: string, text = readFileSync(path, 'utf8')): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node))
      found.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

describe('the renderers in src/files/', () => {
  it('hold no Vietnamese words: every label comes from src/i18n/', () => {
    const offending = files(join(ROOT, 'src/files')).flatMap((path) =>
      stringsOf(path)
        .filter((text) => VIETNAMESE.test(text))
        .map((text) => `${relative(ROOT, path)}: ${JSON.stringify(text)}`),
    );
    expect(offending).toEqual([]);
  });

  it('finds them in plain strings and templates, not in comments', () => {
    const dollar = '$';
    const probe = `// Lý do\nconst a = 'Lý do:';\nconst b = \`Số: ${dollar}{a} tháng\`;\nconst c = \`x${dollar}{a}ngày\`;`;
    expect(stringsOf('probe.ts', probe).filter((text) => VIETNAMESE.test(text))).toEqual([
      'Lý do:',
      'Số: ',
      ' tháng',
      'ngày',
    ]);
  });
});
