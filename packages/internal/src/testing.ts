// Test helpers shared by the qfcn packages' test files (imports vitest; never bundled into a build).
export {
  type DescribeErrorClassesOptions,
  describeErrorClasses,
  type ErrorClassCase,
  lookalike,
  NOT_OBJECTS,
} from './testing/describeErrorClasses';
