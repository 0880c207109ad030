import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../io/testing/sharedData';
import { parseGlasGrades } from './parseGlasGrades';

const HEADER = 'name,patient ID, grade (GlaS), grade (Sirinukunwattana et al. 2015)';

describe('parseGlasGrades', () => {
  it('two CRLF rows without a final newline, as the official file', () => {
    const grades = parseGlasGrades(
      `${HEADER}\r\ntestA_1,4, benign, adenomatous\r\ntrain_9,10, malignant, moderately-to-poorly differentated`,
    );
    expect(grades.size).toBe(2);
    expect(grades.get('testA_1')).toEqual({ name: 'testA_1', patientId: 4, grade: 'benign', detail: 'adenomatous' });
    expect(grades.get('train_9')?.grade).toBe('malignant');
  });

  it('LF ends, a final newline, blank lines and upper-case grades are accepted; a missing 4th column gives ""', () => {
    const grades = parseGlasGrades(`${HEADER}\ntrain_1,1, Benign\n\ntrain_2,2,MALIGNANT,poorly differentiated\n`);
    expect(grades.get('train_1')).toEqual({ name: 'train_1', patientId: 1, grade: 'benign', detail: '' });
    expect(grades.get('train_2')?.grade).toBe('malignant');
  });

  it('errors name the file and line', () => {
    expect(() => parseGlasGrades('id,grade\r\nx,1', 'G.csv')).toThrowError(/^G\.csv: line 1: expected the GlaS header/);
    expect(() => parseGlasGrades(`${HEADER}\r\ntrain_1,1, mild, x`, 'G.csv')).toThrowError(
      'G.csv: line 2: grade must be benign or malignant, got "mild"',
    );
    expect(() => parseGlasGrades(`${HEADER}\r\ntrain_1,one, benign`, 'G.csv')).toThrowError(
      /line 2: patient ID must be an integer/,
    );
    expect(() => parseGlasGrades(`${HEADER}\r\ntrain_1`, 'G.csv')).toThrowError(/line 2: expected at least 3/);
    expect(() => parseGlasGrades(`${HEADER}\r\ntrain_1,1, benign\r\ntrain_1,1, benign`, 'G.csv')).toThrowError(
      /line 3: train_1 is listed twice/,
    );
  });

  const official = sharedPath('glas', 'Grade.csv');
  it.skipIf(!existsSync(official))(
    `the official Grade.csv: 165 rows, 74 benign / 91 malignant, train 37/48${existsSync(official) ? '' : ` (skipped: ${official} not present)`}`,
    () => {
      const grades = parseGlasGrades(readFileSync(official, 'latin1'), official);
      expect(grades.size).toBe(165);
      const count = (prefix: string, grade: string): number =>
        [...grades.values()].filter((g) => g.name.startsWith(prefix) && g.grade === grade).length;
      expect([count('train_', 'benign'), count('train_', 'malignant')]).toEqual([37, 48]);
      expect([count('testA_', 'benign'), count('testA_', 'malignant')]).toEqual([33, 27]);
      expect([count('testB_', 'benign'), count('testB_', 'malignant')]).toEqual([4, 16]);
    },
  );
});
