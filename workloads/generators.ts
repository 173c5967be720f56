/** Workload generators: key choosers, value sizes, operation mix and scan lengths (see workloads/generators/). */
export type { UniformSource, NumberGenerator } from './generators/source.js';
export {
  ZIPFIAN_CONSTANT,
  SCRAMBLED_ITEM_COUNT,
  SCRAMBLED_ZETAN,
  ZETA_DIRECT_LIMIT,
  checkTheta,
  zeta,
  zetaDirect,
  zetaEulerMaclaurin,
  zipfEta,
  ZipfianGenerator,
  ScrambledZipfianGenerator,
  type ZipfianOptions,
} from './generators/zipfian.js';
export {
  UniformKeyGenerator,
  HotspotGenerator,
  ExponentialGenerator,
  SequentialGenerator,
  SkewedLatestGenerator,
  KeySpace,
  KEY_DISTRIBUTION_NAMES,
  createKeyChooser,
  type KeyDistributionName,
  type KeyChooserSpec,
} from './generators/keys.js';
export {
  FIELD_LENGTH_DISTRIBUTIONS,
  createFieldLengthGenerator,
  ValueSizeGenerator,
  type FieldLengthDistribution,
  type ValueSizeSpec,
} from './generators/values.js';
export {
  OPERATION_KINDS,
  SCAN_LENGTH_DISTRIBUTIONS,
  normaliseMix,
  OperationChooser,
  createScanLengthGenerator,
  type OperationKind,
  type OperationMix,
  type ScanLengthDistribution,
  type ScanLengthSpec,
} from './generators/operations.js';
