/**
 * Types shared by the scoring, selection and loop functions of @qfcn/suggestive.
 */

/** One descriptor vector (a typed array or a plain array of numbers). */
export type DescriptorVector = ArrayLike<number>;

/**
 * Descriptors of a pool, one entry per image: either one vector per image, or per image an array of
 * per-member vectors (one per ensemble member, as `MemberOutputs.descriptors`). With per-member
 * descriptors, the similarity of two images is the **average over members of the member cosines**
 * ([Yang17]: "similarity averaged over members").
 */
export type Descriptors = readonly DescriptorVector[] | readonly (readonly DescriptorVector[])[];

/**
 * Similarities of some images of a pool (the rows, usually the K candidates) to every image of the
 * pool (the columns). Suggestive annotation only needs candidate rows: K × N, not N × N.
 */
export interface SimilarityMatrix {
  /** Pool index of the image of each row; distinct. */
  readonly rowIndices: readonly number[];
  /** Number of columns: the pool size N. */
  readonly columns: number;
  /** Row-major `rowIndices.length × columns` similarities. */
  readonly values: Float64Array | Float32Array;
}

/** The selection strategies of the active-learning loop. */
export type Strategy = 'suggestive' | 'uncertainty' | 'random';
