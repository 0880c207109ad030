import { DataError } from '@qfcn/contract';

/** One row of GlaS `Grade.csv`. */
export interface GlasGrade {
  readonly name: string;
  readonly patientId: number;
  /** The GlaS grade. */
  readonly grade: 'benign' | 'malignant';
  /** The Sirinukunwattana et al. 2015 grade (e.g. `healthy`, `poorly differentiated`), or '' when absent. */
  readonly detail: string;
}

/**
 * Parses the text of GlaS `Grade.csv` into a map from image name (`train_1`) to its grades.
 *
 * When to use: `loadGlas` uses it; call it directly to read grades without loading images.
 *
 * Details: accepts the official file as released — header `name,patient ID, grade (GlaS), grade
 * (Sirinukunwattana et al. 2015)`, comma plus space separators, CRLF line ends, no final newline — and
 * also LF ends, a final newline and blank lines. Fields are trimmed; grades are case-insensitive.
 * A wrong header, a short row, a grade other than benign/malignant, a non-integer patient ID or a
 * duplicate name throws `DataError` naming `source` and the line.
 *
 * @example
 * parseGlasGrades('name,patient ID, grade (GlaS), grade (Sirinukunwattana et al. 2015)\r\ntrain_1,2, benign, healthy')
 *   .get('train_1'); // { name: 'train_1', patientId: 2, grade: 'benign', detail: 'healthy' }
 */
export function parseGlasGrades(text: string, source = 'Grade.csv'): Map<string, GlasGrade> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(',').map((f) => f.trim().toLowerCase());
  if (header[0] !== 'name' || !header[2]?.startsWith('grade')) {
    throw new DataError(`line 1: expected the GlaS header "name,patient ID, grade (GlaS), …", got "${lines[0]}"`, {
      path: source,
    });
  }
  const grades = new Map<string, GlasGrade>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const fields = lines[i]!.split(',').map((f) => f.trim());
    const where = `line ${i + 1}`;
    if (fields.length < 3)
      throw new DataError(`${where}: expected at least 3 comma-separated fields, got "${lines[i]}"`, { path: source });
    // at least 3 fields (checked above)
    const [name, patient, gradeText, ...rest] = fields as [string, string, string, ...string[]];
    const grade = gradeText.toLowerCase();
    if (grade !== 'benign' && grade !== 'malignant')
      throw new DataError(`${where}: grade must be benign or malignant, got "${gradeText}"`, { path: source });
    if (!/^\d+$/.test(patient))
      throw new DataError(`${where}: patient ID must be an integer, got "${patient}"`, { path: source });
    if (grades.has(name)) throw new DataError(`${where}: ${name} is listed twice`, { path: source });
    grades.set(name, { name, patientId: Number(patient), grade, detail: rest.join(', ') });
  }
  return grades;
}
