export { mulberry32, seededNormal } from './mulberry32';
export { createProbeNet, type ProbeNet, type ProbeNetOptions, type ProbeNetOutputs } from './createProbeNet';
export { naiveConv2d, type ConvGeometry } from './naiveConv2d';
export { convGeometry, type ConvPad } from './convGeometry';
export { parityCases, runParityCase, parityError, type ParityCase, type ParityResult } from './parityCases';
