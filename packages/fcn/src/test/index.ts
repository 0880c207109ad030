export { createPixelwiseFcn } from './createPixelwiseFcn';
