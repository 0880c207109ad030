/**
 * Browser-safe root entry (bundlers outside Node): all but `readRoundLog` and `runSuggestiveAnnotation` (file system: round logs), which Node
 * gets through the `node` export condition (`./index`) or `@qfcn/suggestive/node`.
 *
 * @qfcn/suggestive — suggestive annotation ([Yang17]) and its quantized variant ([Xu18]): score an
 * unannotated pool with an ensemble, pick what to annotate next, and run the active-learning loop.
 */
export { imageUncertainty } from './imageUncertainty';
export { cosineSimilarity } from './cosineSimilarity';
export { similarityMatrix } from './similarityMatrix';
export type { SimilarityMatrixOptions } from './similarityMatrix';
export { representativeness } from './representativeness';
export { greedyMaxCover } from './greedyMaxCover';
export type { GreedyMaxCoverOptions, GreedyMaxCoverResult } from './greedyMaxCover';
export { mostUncertain } from './mostUncertain';
export type { MostUncertainOptions } from './mostUncertain';
export { suggest } from './suggest';
export type { SuggestInput, Suggestion } from './suggest';
export { scorePool } from './scorePool';
export type { PoolScores, ScorePoolOptions } from './scorePool';
export type { SuggestiveAnnotationOptions, SuggestiveAnnotationResult } from './runSuggestiveAnnotation';
export type { FinalRecord, RoundLog, RoundLogSettings, RoundRecord, ValidationScore } from './roundLogTypes';
export { RoundLogMismatchError } from './errors';
export type { DescriptorVector, Descriptors, SimilarityMatrix, Strategy } from './types';
