/**
 * Fakes for testing code built on @qfcn/suggestive (or on the contract's Pool / AnnotationOracle /
 * EnsembleTrainer) without training networks: a deterministic pool of tiny images, an oracle that
 * records its calls, and a trainer whose ensembles disagree in a documented, hand-checkable way.
 */
export { createFakePool, createFakeOracle } from './fakePool';
export type { FakePool, FakePoolOptions, FakeOracle, FakeTraits } from './fakePool';
export { createFakeTrainer } from './fakeTrainer';
export type { FakeEnsemble, FakeTrainer, FakeTrainerOptions } from './fakeTrainer';
